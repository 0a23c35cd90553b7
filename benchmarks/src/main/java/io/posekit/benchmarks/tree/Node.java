package io.posekit.benchmarks.tree;

/** A node of the synthetic config tree ConfigTreeBenchmark reads and builds. */
public interface Node {
  /** Nodes in this subtree, itself included. */
  int size();
}
