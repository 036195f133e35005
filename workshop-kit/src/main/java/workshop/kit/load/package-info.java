/**
 * Load on an HTTP server, as many users at once make it: {@link workshop.kit.load.LoadGenerator}
 * sends the requests and {@link workshop.kit.load.LoadReport} accounts for every one of them.
 */
package workshop.kit.load;
