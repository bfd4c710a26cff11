// The output and diagnostic messages live in the core (src/core/messages), which imports
// nothing from the other folders; the edges (CLI, task pane) import them from here.
export * from "../core/messages";
