// Only the Fluent UI web components the task pane uses are registered (bundle budget).
import { fluentButton, fluentCheckbox, fluentProgressRing, provideFluentDesignSystem } from "@fluentui/web-components";

export function registerFluent(): void {
  provideFluentDesignSystem().register(fluentButton(), fluentCheckbox(), fluentProgressRing());
}
