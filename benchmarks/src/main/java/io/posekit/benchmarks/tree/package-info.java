/** Modules of a synthetic config tree: one root, 9 branches, 90 leaves (100 nodes). */
package io.posekit.benchmarks.tree;
