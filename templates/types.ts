// The document data contracts live in domain/ (workflows and rules build them); templates render them.
export * from "../domain/documents/types";
