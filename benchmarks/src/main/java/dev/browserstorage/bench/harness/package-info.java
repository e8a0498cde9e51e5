/**
 * The load harnesses: mains that start the benchmark app in a child JVM, drive it over loopback
 * with Vert.x WebSocket clients speaking the glue's protocol (and Chromium), and print each figure
 * beside the baseline measured in the same run. {@code benchmarks/bench.sh} runs them.
 */
package dev.browserstorage.bench.harness;
