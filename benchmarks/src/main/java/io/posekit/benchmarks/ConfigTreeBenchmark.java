package io.posekit.benchmarks;

import io.posekit.benchmarks.tree.Node;
import io.posekit.runtime.registry.Registry;
import io.posekit.spi.BuildContext;
import io.posekit.spi.ModuleConfig;
import io.posekit.spi.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Map → typed config → instance for a 100-node config tree (a root, 9 branches of 10 leaves), the
 * path every config takes from a loaded file to built modules.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConfigTreeBenchmark {
  private Registry registry;
  private Map<String, Object> tree;
  private ModuleConfig<? extends Node> config;

  @Setup
  public void setUp() {
    registry = Registry.load().withDefaultScope("mmpose");
    tree = tree();
    config = registry.readConfig(tree, Node.class);
    int nodes = config.build(BuildContext.empty()).size();
    if (nodes != 100) {
      throw new IllegalStateException("the tree has " + nodes + " nodes, not 100");
    }
  }

  @Benchmark
  public ModuleConfig<? extends Node> mapToConfig() {
    return registry.readConfig(tree, Node.class);
  }

  @Benchmark
  public Node configToInstance() {
    return config.build(BuildContext.empty());
  }

  @Benchmark
  public Node mapToInstance() {
    return registry.build(tree, Node.class, BuildContext.empty());
  }

  /** Written as the config loader hands it over: insertion-ordered dicts, tuples as Tuple. */
  static Map<String, Object> tree() {
    List<Object> branches = new ArrayList<>();
    for (int b = 0; b < 9; b++) {
      List<Object> leaves = new ArrayList<>();
      for (int l = 0; l < 10; l++) {
        Map<String, Object> leaf = new LinkedHashMap<>();
        leaf.put("type", "Leaf");
        leaf.put("name", "leaf" + b + "_" + l);
        leaf.put("loss_weight", 0.5 + l);
        leaf.put("kernel_size", Tuple.of(3, 3));
        leaf.put("mode", l % 2 == 0 ? "heatmap" : "feature");
        leaves.add(leaf);
      }
      Map<String, Object> branch = new LinkedHashMap<>();
      branch.put("type", "Branch");
      branch.put("name", "branch" + b);
      branch.put("children", leaves);
      branch.put("input_size", Tuple.of(192, 256));
      branches.add(branch);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("type", "Branch");
    root.put("name", "root");
    root.put("children", branches);
    root.put("weight", 2.0);
    return root;
  }
}
