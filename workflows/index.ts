// The workflow bundle: one entity workflow per file, registered by name.
export { aanbieder } from "./aanbieder/workflow";
export { besluit } from "./besluit/workflow";
export { contract } from "./contract/workflow";
export { gebruiker } from "./gebruiker/workflow";
export { inschrijving } from "./inschrijving/workflow";
export { procedure } from "./procedure/workflow";
export { sessie } from "./sessie/workflow";
export { verlengingsronde } from "./verlengingsronde/workflow";
export { onderhands } from "./onderhands/workflow";
export { traject } from "./traject/workflow";
