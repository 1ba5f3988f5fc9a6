/** Light, dark, or the system's choice; kept in localStorage and applied to <html data-theme>. */
export type ThemeChoice = "system" | "light" | "dark";

const THEME_STORAGE_KEY = "quiver.theme";
const CHOICES: readonly ThemeChoice[] = ["system", "light", "dark"];

export function storedTheme(): ThemeChoice {
  const value = localStorage.getItem(THEME_STORAGE_KEY);
  return CHOICES.find((choice) => choice === value) ?? "system";
}

export function applyTheme(choice: ThemeChoice): void {
  if (choice === "system") {
    delete document.documentElement.dataset["theme"];
    localStorage.removeItem(THEME_STORAGE_KEY);
  } else {
    document.documentElement.dataset["theme"] = choice;
    localStorage.setItem(THEME_STORAGE_KEY, choice);
  }
}

export function applyStoredTheme(): void {
  applyTheme(storedTheme());
}

export function nextTheme(choice: ThemeChoice): ThemeChoice {
  return CHOICES[(CHOICES.indexOf(choice) + 1) % CHOICES.length] ?? "system";
}
