import {
  createRouter,
  createWebHistory,
  type RouteLocationNormalized,
  type RouteRecordRaw,
  type Router,
} from "vue-router";

import { useAuthStore } from "./stores/auth";

declare module "vue-router" {
  interface RouteMeta {
    /** The screen needs a signed-in archer; others are sent to sign in first. */
    requiresAuth?: boolean;
    /** The document title's first part. */
    title?: string;
  }
}

// Every screen but the first is loaded on demand, so the initial route stays small.
export const routes: RouteRecordRaw[] = [
  { path: "/", name: "home", component: () => import("./views/HomeView.vue"), meta: { title: "Home" } },
  { path: "/signin", name: "signin", component: () => import("./views/SignInView.vue"), meta: { title: "Sign in" } },
  { path: "/signup", name: "signup", component: () => import("./views/SignUpView.vue"), meta: { title: "Sign up" } },
  {
    path: "/profile",
    name: "profile",
    component: () => import("./views/ProfileView.vue"),
    meta: { requiresAuth: true, title: "Profile" },
  },
  {
    path: "/tokens",
    name: "tokens",
    component: () => import("./views/TokensView.vue"),
    meta: { requiresAuth: true, title: "Access tokens" },
  },
  {
    path: "/equipment",
    name: "equipment",
    component: () => import("./views/EquipmentView.vue"),
    meta: { requiresAuth: true, title: "Equipment" },
  },
  {
    path: "/practice/new",
    name: "new-practice",
    component: () => import("./views/NewPracticeView.vue"),
    meta: { requiresAuth: true, title: "New practice" },
  },
  {
    path: "/session/:sessionId",
    name: "session",
    component: () => import("./views/SessionView.vue"),
    props: true,
    meta: { requiresAuth: true, title: "Practice" },
  },
  {
    path: "/session/:sessionId/board",
    name: "board",
    component: () => import("./views/BoardView.vue"),
    props: true,
    meta: { requiresAuth: true, title: "Range board" },
  },
  {
    path: "/history",
    name: "history",
    component: () => import("./views/HistoryView.vue"),
    meta: { requiresAuth: true, title: "History" },
  },
  {
    path: "/history/:sessionId",
    name: "history-detail",
    component: () => import("./views/HistoryDetailView.vue"),
    props: true,
    meta: { requiresAuth: true, title: "Session" },
  },
  {
    path: "/progress",
    name: "progress",
    component: () => import("./views/ProgressView.vue"),
    meta: { requiresAuth: true, title: "Progress" },
  },
  {
    path: "/equipment/arrow-set/:arrowSetId/ranking",
    name: "arrow-set-ranking",
    component: () => import("./views/ArrowSetRankingView.vue"),
    props: true,
    meta: { requiresAuth: true, title: "Per-arrow ranking" },
  },
  { path: "/faces", name: "faces", component: () => import("./views/FacesView.vue"), meta: { title: "Target faces" } },
  {
    path: "/:pathMatch(.*)*",
    name: "not-found",
    component: () => import("./views/NotFoundView.vue"),
    meta: { title: "Not found" },
  },
];

/** Screens that need an account send a signed-out visitor to sign in, then back. */
export function authGuard(to: RouteLocationNormalized): true | { name: string; query: { redirect: string } } {
  const auth = useAuthStore();
  if (to.meta.requiresAuth === true && !auth.isSignedIn) {
    return { name: "signin", query: { redirect: to.fullPath } };
  }
  return true;
}

export function createAppRouter(): Router {
  const router = createRouter({
    history: createWebHistory(),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  });
  router.beforeEach(authGuard);
  router.afterEach((to) => {
    document.title = to.meta.title === undefined ? "Quiver" : `${to.meta.title} · Quiver`;
  });
  return router;
}
