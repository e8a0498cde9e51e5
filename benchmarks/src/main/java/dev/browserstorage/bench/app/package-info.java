/**
 * The benchmark app: the extension's sync endpoint beside bare websockets-next endpoints (the
 * baselines), and REST resources through which a harness or a page starts server-side measurements.
 */
package dev.browserstorage.bench.app;
