/*
 * Ribbon command entry: the page the manifest names as FunctionFile (Commands.Url).
 *
 * The add-in's only ribbon button, on the Home tab, opens the task pane (a ShowTaskpane
 * action), which Office performs without any code here. Office still loads this page for
 * the ribbon, so it initializes Office.js and nothing more. A function command
 * (ExecuteFunction) would be defined here and registered with
 * Office.actions.associate("name", handler), its handler calling event.completed().
 */

void Office.onReady(() => {
  // Nothing to wire: no ExecuteFunction command exists.
});
