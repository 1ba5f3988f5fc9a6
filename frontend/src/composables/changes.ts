/**
 * The fields of `edited` that differ from `original`, for a PATCH that sends only what the
 * archer changed (both sides built by the same function, so equal values compare equal).
 */
export function changedFields<T extends object>(original: T, edited: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(edited).filter(([key, value]) => original[key as keyof T] !== value),
  ) as Partial<T>;
}
