package io.posekit.runtime.config.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.config.Config;
import io.posekit.runtime.config.LoadOptions;
import io.posekit.runtime.config.dict.ConfigLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config that runs past its time budget is stopped with its file and line; the loader goes on. */
class ConfigTimeBudgetTest {
  private static final Duration BUDGET = Duration.ofMillis(300);

  @TempDir Path dir;

  /** Jython's start (seconds on a busy machine) is not what the bound on stopping measures. */
  @org.junit.jupiter.api.BeforeAll
  static void startJython(@TempDir Path tmp) throws Exception {
    Config.fromFile(Files.writeString(tmp.resolve("warm.py"), "a = 1\n"), LoadOptions.defaults());
  }

  private ConfigLoadException stopped(Path cfg) {
    long start = System.nanoTime();
    ConfigLoadException e = assertThrows(ConfigLoadException.class,
        () -> Config.fromFile(cfg, LoadOptions.defaults().withTimeout(BUDGET)));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(seconds < 10, "stopped only after " + seconds + " s");
    assertTrue(e.getMessage().contains("time budget of 0.3 s"), e.getMessage());
    return e;
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void anEndlessLoopStopsAtItsLine() throws Exception {
    Path cfg = write("loop.py", "x = 1\nwhile True:\n    x = -x\n");
    ConfigLoadException e = stopped(cfg);
    assertEquals(cfg.toString(), e.problems().get(0).location().file());
    assertTrue(e.problems().get(0).location().line() == 2 || e.problems().get(0).location().line() == 3, e.getMessage());
    assertTrue(e.getMessage().contains(cfg + ":" + e.problems().get(0).location().line()), e.getMessage());
  }

  @Test
  void catchingWhatStopsTheLoopDoesNotKeepItRunning() throws Exception {
    stopped(write("catching.py", String.join("\n",
        "n = 0",
        "while True:",
        "    try:",
        "        while True:",
        "            n += 1",
        "    except BaseException:",
        "        n = 0",
        "    finally:",
        "        n = 1",
        "")));
  }

  @Test
  void aRecursionThatOutlivesTheBudgetStops() throws Exception {
    // each recursion-limit error is caught and recursed again: exponential, never ends in time
    stopped(write("recursion.py", String.join("\n",
        "def f(n):",
        "    try:",
        "        return f(n + 1)",
        "    except BaseException:",
        "        return f(n + 1)",
        "x = f(0)",
        "")));
    // the recursion ended at Jython's limit many times: later loads (which compile again) still work
    Path after = write("after_recursion.py", "def g(n):\n    return n * 2\ny = g(21)\n");
    assertEquals(42, Config.fromFile(after, LoadOptions.defaults()).dict().get("y"));
  }

  @Test
  void aLongLoopInABaseNamesTheBaseAndTheLoaderGoesOn() throws Exception {
    Path base = write("slow_base.py", "total = 0\nfor i in xrange(10 ** 9):\n    total += i\n");
    Path child = write("child.py", "_base_ = ['slow_base.py']\nlr = 0.1\n");
    ConfigLoadException e = stopped(child);
    assertEquals(base.toString(), e.problems().get(0).location().file());
    int line = e.problems().get(0).location().line();
    assertTrue(line == 2 || line == 3, e.getMessage());
    assertTrue(e.problems().get(0).location().baseChain().contains(child.toString()), e.getMessage());

    Path fine = write("fine.py", "lr = 0.1 * 2\nsteps = [i for i in range(3)]\n");
    Config cfg = Config.fromFile(fine, LoadOptions.defaults().withTimeout(BUDGET));
    assertEquals(0.2, (Double) cfg.dict().get("lr"), 1e-12);
    assertEquals(java.util.List.of(0, 1, 2), cfg.dict().get("steps"));
  }

  @Test
  void theBudgetIsReadInSecondsAndMustBePositive() {
    assertEquals(LoadOptions.DEFAULT_TIMEOUT, LoadOptions.timeoutFrom(null, "X"));
    assertEquals(Duration.ofMillis(1500), LoadOptions.timeoutFrom("1.5", "X"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LoadOptions.timeoutFrom("soon", LoadOptions.TIMEOUT_ENV));
    assertTrue(e.getMessage().contains("POSEKIT_CONFIG_TIMEOUT=soon"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LoadOptions.timeoutFrom("0", "X"));
    assertThrows(IllegalArgumentException.class, () -> LoadOptions.timeoutFrom("-1", "X"));
  }
}
