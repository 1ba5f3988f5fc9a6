import { computed, type ComputedRef } from "vue";

import { describeError, isProblem } from "../api/client";
import { useRequest, type RequestState } from "./useRequest";

export interface FormRequestState extends RequestState {
  /** The problem's detail for the alert, plus any field message no field of the form shows. */
  alert: ComputedRef<string | null>;
}

/**
 * `useRequest` for a form that shows `shownFields`: their messages go next to them, the rest
 * in the alert. `fieldCodes` places problems without `errors[]` on a field by their stable
 * code, e.g. `{ email_taken: "email" }` for the 409 of a duplicate email.
 */
export function useFormRequest(
  shownFields: readonly string[],
  fieldCodes: Readonly<Record<string, string>> = {},
): FormRequestState {
  const request = useRequest();

  const fields = computed(() => {
    const failure = request.failure.value;
    const field = isProblem(failure) ? fieldCodes[failure.code] : undefined;
    return field === undefined || !isProblem(failure)
      ? request.fields.value
      : { ...request.fields.value, [field]: failure.detail };
  });

  const alert = computed(() => {
    const failure = request.failure.value;
    if (failure === null) return null;
    if (!isProblem(failure)) return describeError(failure);
    if (fieldCodes[failure.code] !== undefined) return null;
    const unplaced = Object.entries(request.fields.value)
      .filter(([field]) => !shownFields.includes(field))
      .map(([field, detail]) => `${field === "" ? "Request" : field}: ${detail}`);
    const detail = failure.detail.trim() === "" ? failure.title : failure.detail;
    return [detail, ...unplaced].join(" ");
  });

  return { ...request, fields, alert };
}
