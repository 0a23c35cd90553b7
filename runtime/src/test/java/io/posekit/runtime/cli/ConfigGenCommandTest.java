package io.posekit.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.registry.Registry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigGenCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir Path tmp;

  private int run(String... args) {
    CommandLine commandLine = Main.commandLine(Registry::load);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void writesOneClassPerFileBelowTheRootThatHasTheBases() throws Exception {
    Files.createDirectories(tmp.resolve("configs/_base_"));
    Files.createDirectories(tmp.resolve("configs/exp"));
    Files.writeString(tmp.resolve("configs/_base_/rt.py"), "default_scope = 'mmpose'\n");
    Files.writeString(tmp.resolve("configs/exp/a.py"), "_base_ = ['../_base_/rt.py']\nloss = dict(type='KeypointMSELoss')\n");
    assertEquals(0, run("config-gen", tmp.resolve("configs/exp/a.py").toString(), "--out", tmp.resolve("out").toString(),
        "--package", "p"), err.toString());
    assertTrue(Files.exists(tmp.resolve("out/p/_base_/Rt.java")));
    String a = Files.readString(tmp.resolve("out/p/exp/A.java"));
    assertTrue(a.contains("Rt.config()") && a.contains("KeypointMSELossConfig.builder().build()"), a);
    assertTrue(out.toString().contains("wrote 2 classes"), out.toString());
  }

  @Test
  void scopeRootsServeScopedAndLazyImportBases() throws Exception {
    Files.createDirectories(tmp.resolve("configs/_base_"));
    Files.createDirectories(tmp.resolve("configs/exp"));
    Files.writeString(tmp.resolve("configs/_base_/rt.py"), "default_scope = 'mmpose'\ntrain_cfg = dict(by_epoch=True)\n");
    Files.writeString(tmp.resolve("configs/exp/scoped.py"), "_base_ = ['mmpose::_base_/rt.py']\n");
    Files.writeString(tmp.resolve("configs/exp/lazy.py"), "from mmengine.config import read_base\nwith read_base():\n"
        + "    from mmpose.configs._base_.rt import *\ntrain_cfg.update(max_epochs=3)\n");
    String root = "mmpose=" + tmp.resolve("configs");
    assertEquals(0, run("config-gen", tmp.resolve("configs/exp/scoped.py").toString(), tmp.resolve("configs/exp/lazy.py").toString(),
        "--out", tmp.resolve("out").toString(), "--package", "p", "--scope-root", root), err.toString());
    String scoped = Files.readString(tmp.resolve("out/p/exp/Scoped.java"));
    assertTrue(scoped.contains("ConfigTrees.scoped(Rt.config(), \"mmpose\")"), scoped);
    String lazy = Files.readString(tmp.resolve("out/p/exp/Lazy.java"));
    assertTrue(lazy.contains("// exp/lazy.py:3: from _base_/rt.py import *") && lazy.contains("\"max_epochs\""), lazy);
  }

  @Test
  void aTypoIsAnErrorWithFileLineAndKeyPathAndWritesNothing() throws Exception {
    Files.writeString(tmp.resolve("bad.py"), "default_scope = 'mmpose'\nloss = dict(type='KeypointMSELoss',\n"
        + "            loss_wieght=2.0)\n");
    assertEquals(1, run("config-gen", tmp.resolve("bad.py").toString(), "--out", tmp.resolve("out").toString()));
    String message = err.toString();
    assertTrue(message.contains("bad.py:3"), message);
    assertTrue(message.contains("loss.loss_wieght"), message);
    assertTrue(message.contains("loss_weight"), message);
    assertFalse(Files.exists(tmp.resolve("out")));
  }
}
