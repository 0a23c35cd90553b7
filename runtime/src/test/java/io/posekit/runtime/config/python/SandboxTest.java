package io.posekit.runtime.config.python;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.config.Config;
import io.posekit.runtime.config.LoadOptions;
import io.posekit.runtime.config.dict.ConfigList;
import io.posekit.runtime.config.dict.ConfigLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every escape attempt fails with an error naming the config, and leaves no file behind. */
class SandboxTest {
  @TempDir static Path dir;

  static final String[] ATTEMPTS = {
    "import os\nos.system('touch MARK')",
    "import subprocess\nsubprocess.call(['touch', 'MARK'])",
    "import socket",
    "import pickle",
    "from java.io import File\nFile('MARK').createNewFile()",
    "import java.lang.Runtime as R\nR.getRuntime().exec('touch MARK')",
    "from java.lang import Runtime",
    "open('MARK', 'w').write('x')",
    "file('MARK', 'w')",
    "__import__('os').system('touch MARK')",
    "eval(\"__import__('os')\")",
    "exec \"import os\"",
    "compile('1', 'x', 'eval')",
    "getattr(1, '__class__')",
    "x = ().__class__.__bases__[0].__subclasses__()",
    "x = __builtins__",
    "x = (lambda: 1).func_globals",
    "x = (lambda: 1).__globals__",
    "import sys\nx = sys.modules",
    "x = [].__class__.__mro__",
    "g = (i for i in [1])\nx = g.gi_frame.f_globals",
    "x = dict.getClass()",
    "import copy\nx = copy.types",
    "from math import __dict__",
    "x = vars()",
    "x = globals()['__builtins__']",
    "import math\nx = math.__loader__",
    "type('X', (object,), {})",
  };

  @Test
  void everyEscapeFailsNamingTheFileAndLeavesNothing() throws Exception {
    for (int i = 0; i < ATTEMPTS.length; i++) {
      Path cfg = dir.resolve("escape" + i + ".py");
      Files.writeString(cfg, ATTEMPTS[i].replace("MARK", dir.resolve("mark" + i).toString()) + "\n");
      ConfigLoadException e = assertThrows(ConfigLoadException.class,
          () -> Config.fromFile(cfg, LoadOptions.defaults()), ATTEMPTS[i]);
      assertTrue(e.getMessage().contains(cfg.toString()), e.getMessage());
      assertFalse(Files.exists(dir.resolve("mark" + i)), ATTEMPTS[i]);
    }
  }

  @Test
  void unsafeNeedsTheEnvironmentVariableToo() throws Exception {
    Path cfg = dir.resolve("plain.py");
    Files.writeString(cfg, "x = 1\n");
    if (!"1".equals(System.getenv(LoadOptions.UNSAFE_ENV))) {
      assertThrows(ConfigLoadException.class, () -> Config.fromFile(cfg, LoadOptions.allowUnsafe()));
    } else {
      assertTrue(Config.fromFile(cfg, LoadOptions.allowUnsafe()).dict().containsKey("x"));
    }
  }

  @Test
  void allowedModulesStillWork() throws Exception {
    Path cfg = dir.resolve("ok.py");
    Files.writeString(cfg, "import copy\nfrom math import sqrt\na = dict(b=[1])\nc = copy.deepcopy(a)\nc['b'].append(2)\nr = sqrt(16.0)\n");
    Config loaded = Config.fromFile(cfg, LoadOptions.defaults());
    assertTrue(loaded.get("a.b").equals(ConfigList.of(1)) && loaded.get("c.b").equals(ConfigList.of(1, 2)));
    assertTrue(loaded.get("r").equals(4.0));
  }
}
