/**
 * Grouped bar charts drawn with Java2D and written as PNG, so the report needs no charting library and
 * renders the same on a headless machine.
 */
package io.torii.perf.lab.chart;
