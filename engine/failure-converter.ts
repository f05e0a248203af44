import { DefaultFailureConverter } from "@temporalio/common";

// Failure messages and stack traces travel as an encoded payload too, so the payload codec encrypts
// them: a refusal's wording can name an aanbieder. Loaded by the workflow bundle, the worker and the client.
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
