/** The annotated POJO the benchmarks use, and what it refers to. */
package dev.browserstorage.bench.model;
