package io.posekit.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posekit.runtime.config.Config;
import io.posekit.runtime.registry.Registry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PrintConfigCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = Main.commandLine(Registry::load);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private static String resource(String name) {
    try {
      return Path.of(PrintConfigCommandTest.class.getResource(name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void printsTheMergedConfigAsPythonThatLoadsBack(@TempDir Path dir) throws Exception {
    assertEquals(0, run("print-config", resource("explain.py")), err.toString());
    Path printed = dir.resolve("printed.py");
    Files.writeString(printed, out.toString());
    Config original = Config.fromFile(Path.of(resource("explain.py")));
    assertEquals(original.toMap(), Config.fromFile(printed).toMap());
    assertTrue(out.toString().startsWith("default_scope = 'mmpose'\noptim_wrapper = dict(\n    optimizer=dict("),
        out.toString());
  }

  @Test
  void repeatedRunsPrintTheSameFromTheCacheAndNoCacheSkipsIt() throws Exception {
    Path cacheDir = Path.of(System.getenv("POSEKIT_CACHE_DIR")); // set by the build for tests
    Path config = Path.of(resource("explain.py"));
    assertEquals(0, run("print-config", config.toString()), err.toString());
    String first = out.toString();
    long entries;
    try (var files = Files.list(cacheDir)) {
      entries = files.count();
    }
    assertTrue(entries >= 1, "print-config wrote a cache entry");
    out.getBuffer().setLength(0);
    assertEquals(0, run("print-config", config.toString()), err.toString());
    assertEquals(first, out.toString());
    out.getBuffer().setLength(0);
    assertEquals(0, run("print-config", config.toString(), "--no-cache", "--explain", "optim_wrapper.optimizer.lr"), err.toString());
    String uncached = out.toString();
    out.getBuffer().setLength(0);
    assertEquals(0, run("print-config", config.toString(), "--explain", "optim_wrapper.optimizer.lr"), err.toString());
    assertEquals(uncached, out.toString(), "--explain from a cached config");
  }

  @Test
  void cfgOptionsChangeValuesInEveryFormat() throws Exception {
    assertEquals(0, run("print-config", resource("explain.py"), "--format", "json", "--cfg-options",
        "optim_wrapper.optimizer.lr=0.01", "train_cfg.max_epochs=3", "model.head.size=(256,192)", "flags=[True,None]"),
        err.toString());
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertEquals(0.01, json.at("/optim_wrapper/optimizer/lr").asDouble());
    assertEquals(3, json.at("/train_cfg/max_epochs").asInt());
    assertEquals("[256,192]", json.at("/model/head/size").toString());
    assertEquals("[true,null]", json.at("/flags").toString());
    out.getBuffer().setLength(0);
    assertEquals(0, run("print-config", resource("explain.py"), "--format", "yaml", "--cfg-options", "model.head.size=(256,192)"));
    Config yaml = Config.fromString(out.toString(), "yaml");
    assertEquals(io.posekit.spi.Tuple.of(256, 192), yaml.get("model.head.size"));
  }

  @Test
  void explainNamesTheFileLineOverridesDeleteAndCfgOptions() {
    assertEquals(0, run("print-config", resource("explain.py"), "--explain", "optim_wrapper.optimizer.lr",
        "--explain", "model.head.loss.topk", "--explain", "train_cfg.max_epochs", "--cfg-options", "train_cfg.max_epochs=3"),
        err.toString());
    String text = out.toString();
    assertTrue(text.contains("optim_wrapper.optimizer.lr = 0.002\n"
        + "  set at explain.py:2\n"
        + "  overrode 0.001, set at _base_/middle.py:2 (via explain.py)\n"
        + "  which overrode 0.0005, set at _base_/runtime.py:2 (via explain.py -> _base_/middle.py)\n"), text);
    assertTrue(text.contains("model.head.loss.topk = 8\n  set at explain.py:5\n"
        + "  enclosing dict model.head.loss: explain.py:5 replaced with _delete_=True the dict set at "
        + "_base_/runtime.py:5 (via explain.py -> _base_/middle.py): dict(type='KeypointMSELoss', use_target_weight=True)\n"), text);
    assertTrue(text.contains("train_cfg.max_epochs = 3\n  set by --cfg-options\n"
        + "  overrode 210, set at _base_/runtime.py:7 (via explain.py -> _base_/middle.py)\n"), text);
  }

  @Test
  void deleteWithNothingToDeleteIsAWarningOnStandardError() {
    assertEquals(0, run("print-config", resource("explain.py")));
    assertTrue(err.toString().startsWith("warning: " + resource("explain.py") + ":6: model.neck: _delete_=True has nothing to delete"),
        err.toString());
    assertTrue(out.toString().contains("neck=dict(_delete_=True, type='FeatureMapProcessor')"), out.toString());
  }

  @Test
  void configTimeoutStopsALoopingConfigAndScopeRootFindsAPackagesBases(@TempDir Path dir) throws Exception {
    Path loop = Files.writeString(dir.resolve("loop.py"), "n = 0\nwhile True:\n    n += 1\n");
    assertEquals(1, run("print-config", loop.toString(), "--no-cache", "--config-timeout", "0.2"));
    assertTrue(err.toString().contains(loop + ":") && err.toString().contains("time budget of 0.2 s"), err.toString());

    err.getBuffer().setLength(0);
    assertEquals(1, run("print-config", loop.toString(), "--config-timeout", "soon"));
    assertTrue(err.toString().contains("--config-timeout=soon"), err.toString());

    Path repo = dir.resolve("repo");
    Files.createDirectories(repo.resolve("configs/_base_"));
    Files.createDirectories(repo.resolve("pkg/configs/_base_"));
    Files.writeString(repo.resolve("pkg/__init__.py"), "");
    Files.writeString(repo.resolve("configs/_base_/rt.py"), "where = 'mim'\n");
    Files.writeString(repo.resolve("pkg/configs/_base_/rt.py"), "where = 'package'\n");
    Path lazy = Files.writeString(dir.resolve("lazy.py"),
        "from mmengine.config import read_base\nwith read_base():\n    from pkg.configs._base_.rt import *\n");
    err.getBuffer().setLength(0);
    assertEquals(0, run("print-config", lazy.toString(), "--no-cache", "--scope-root", "pkg=" + repo), err.toString());
    assertEquals("where = 'package'\n", out.toString());
  }

  @Test
  void badInputIsOneClearErrorAndANonZeroExit() {
    assertEquals(1, run("print-config", resource("explain.py") + ".missing"));
    assertTrue(err.toString().contains("config file not found: " + resource("explain.py") + ".missing"), err.toString());

    err.getBuffer().setLength(0);
    assertEquals(1, run("print-config", resource("broken.py")));
    assertTrue(err.toString().contains(resource("broken.py") + ":3"), err.toString());

    err.getBuffer().setLength(0);
    assertEquals(1, run("print-config", resource("explain.py"), "--explain", "optim_wrapper.optimiser.lr"));
    assertTrue(err.toString().contains("optim_wrapper.optimiser: no such key (did you mean 'optimizer'?)"), err.toString());

    err.getBuffer().setLength(0);
    assertEquals(2, run("print-config", resource("explain.py"), "--cfg-options", "lr"));
    assertTrue(err.toString().contains("--cfg-options 'lr' is not KEY=VALUE"), err.toString());

    err.getBuffer().setLength(0);
    assertEquals(2, run("print-config", resource("explain.py"), "--format", "toml"));
    assertTrue(err.toString().contains("--format: unknown config format: toml"), err.toString());

    err.getBuffer().setLength(0);
    assertEquals(1, run("print-config", resource("explain.py"), "--cfg-options", "train_cfg.max_epochs.x=1"));
    assertTrue(err.toString().contains("train_cfg.max_epochs"), err.toString());
  }

  @Test
  void diffShowsChangedLinesLikeMmengine() {
    Config a = Config.fromFile(Path.of(resource("explain.py")));
    Config b = Config.fromFile(Path.of(resource("explain.py")));
    assertEquals("", Config.diff(a, b));
    b.mergeFromDict(java.util.Map.of("train_cfg.max_epochs", 3));
    String diff = Config.diff(a, b);
    assertTrue(diff.startsWith("--- " + resource("explain.py") + "\n+++ " + resource("explain.py") + "\n@@ -"), diff);
    assertTrue(diff.contains("\n-    max_epochs=210,\n+    max_epochs=3,\n") || diff.contains("\n-train_cfg = dict(max_epochs=210, val_interval=10)\n+train_cfg = dict(max_epochs=3, val_interval=10)\n"), diff);
  }
}
