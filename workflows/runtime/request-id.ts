/**
 * The Temporal header that carries the request id of the API call behind a command: from the API's
 * client into the workflow's update or signal, and from there into the activities, child workflows,
 * signals and the next run it causes. Logging only: nothing decides on it.
 */
export const REQUEST_ID_HEADER = "inkoop-request-id";
