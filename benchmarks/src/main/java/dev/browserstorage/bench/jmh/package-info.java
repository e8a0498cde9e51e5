/**
 * The JMH benchmarks (1, typed reads; 2, codecs), each with a main that runs it with the settings
 * of {@code RESULTS.md} and prints its ratios to the baseline of the same run.
 */
package dev.browserstorage.bench.jmh;
