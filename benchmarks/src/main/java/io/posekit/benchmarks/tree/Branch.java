package io.posekit.benchmarks.tree;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import java.util.List;

/** An inner node: a few scalars, a tuple and a list of child components, like a model's neck or head. */
@RegisterModule(registry = Registries.MODELS, scope = "mmpose")
public final class Branch implements Node {
  private final List<Node> children;

  public Branch(
      String name,
      List<Node> children,
      @Param(defaultValue = "1.0") double weight,
      @Param(defaultValue = "(256, 192)") int[] inputSize,
      @Param(defaultValue = "False") boolean frozen) {
    this.children = List.copyOf(children);
  }

  @Override
  public int size() {
    return 1 + children.stream().mapToInt(Node::size).sum();
  }
}
