package io.posekit.runtime.config.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.config.Config;
import io.posekit.runtime.config.LoadOptions;
import io.posekit.runtime.config.dict.ConfigLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A config that allocates past its memory budget is stopped with its file and line, fast and
 * before the heap runs out; the loader goes on and later loads work.
 */
class ConfigMemoryBudgetTest {
  private static final long BUDGET = 64L << 20;

  @TempDir Path dir;

  @BeforeAll
  static void startJython(@TempDir Path tmp) throws Exception {
    Config.fromFile(Files.writeString(tmp.resolve("warm.py"), "a = 1\n"), LoadOptions.defaults());
  }

  private ConfigLoadException stopped(String source) throws Exception {
    Path cfg = Files.writeString(dir.resolve("bomb.py"), "lr = 0.1\n" + source + "\n");
    Runtime rt = Runtime.getRuntime();
    long start = System.nanoTime();
    ConfigLoadException e = assertThrows(ConfigLoadException.class,
        () -> Config.fromFile(cfg, LoadOptions.defaults().withMemory(BUDGET)), source);
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(seconds < 20, source + " stopped only after " + seconds + " s");
    assertTrue(e.getMessage().contains("memory budget of 64 MB"), e.getMessage());
    assertTrue(e.getMessage().contains("--config-memory MB"), e.getMessage());
    assertEquals(cfg.toString(), e.problems().get(0).location().file(), e.getMessage());
    assertTrue(e.getMessage().contains(cfg + ":"), e.getMessage());
    // the loader goes on: the next load of a normal config works
    Path fine = Files.writeString(dir.resolve("fine.py"), "steps = [i * 2 for i in range(4)]\nname = 'x' * 3\n");
    Config ok = Config.fromFile(fine, LoadOptions.defaults().withMemory(BUDGET));
    assertEquals(List.of(0, 2, 4, 6), ok.dict().get("steps"));
    assertEquals("xxx", ok.dict().get("name"));
    return e;
  }

  @Test
  void aHugeStringRepetitionIsRefusedBeforeItIsMade() throws Exception {
    ConfigLoadException e = stopped("x = 'x' * 2**30");
    assertEquals(2, e.problems().get(0).location().line(), e.getMessage());
    assertTrue(e.getMessage().contains("'*' needs 2048 MB"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "x = [0] * 2**28",
    "x = [None] * (2**28)",
    "x = (1,) * 2**28",
    "x = 2**28 * [0]",
    "x = [0]\nx *= 2**28",
    "x = 'ab'\nx *= 2**30",
    "x = list(range(2**28))",
    "x = range(2**28)",
    "x = range(0, 2**40, 3)",
    "x = list(xrange(2**28))",
    "x = sorted(xrange(2**30))",
    "x = sum([[i] for i in xrange(2**26)], [])",
    "x = []\nwhile True:\n    x.append('y' * 1000)",
    "x = ''\nfor i in xrange(10**9):\n    x += 'abcdefgh' * 1000",
    "x = {i: [i] * 10 for i in xrange(2**28)}",
    "x = {str(i): i for i in range(2**27)}",
    "x = [[0] * 1000 for i in xrange(10**6)]",
    "x = set(xrange(2**28))",
    "x = [0]\nx.extend(iter(x))",
    "x = [0]\nmap(x.append, x)",
    "x = dict(zip(xrange(2**28), xrange(2**28)))",
    "x = {}.fromkeys(xrange(2**28))",
    "x = 10 ** 10 ** 10",
    "x = pow(7, 10 ** 10)",
    "x = 1 << 2 ** 40",
    "x = 3\nfor i in range(100):\n    x = x * x",
    "x = '%2000000000d' % 1",
    "x = '%*s' % (2**31 - 1, 'a')",
    "x = '%.1000000000f' % 1.5",
    "x = '{:>2000000000}'.format(1)",
    "x = '{0:{1}}'.format('a', 2**31 - 1)",
    "x = format(1, '2000000000')",
    "x = 'a'.ljust(2**31 - 1)",
    "x = str.rjust('a', 2**30)",
    "x = 'a'.zfill(2**30)",
    "x = ('\\t' * 1000).expandtabs(10**6)",
    "x = ('-' * 10**5).join(['ab'] * 10**5)",
    "x = ('a' * 10**5).replace('', 'b' * 10**4)",
    "x = (u'a' * 10**5).translate({97: u'b' * 10**5})",
    "import math\nx = math.factorial(10**9)",
    "a = [0] * 1000\nb = [a] * 1000\nc = [b] * 1000",
    "import copy\na = [0] * 1000\nb = [a] * 1000\nc = copy.deepcopy([b] * 1000)",
    "def grow(n):\n    return [grow(n - 1)] * 2 if n else 0\nx = grow(40)",
  })
  void bombsAreStoppedWithTheFileNamed(String source) throws Exception {
    stopped(source);
  }

  @Test
  void catchingTheStopDoesNotKeepItRunning() throws Exception {
    stopped("try:\n    x = 'x' * 2**30\nexcept BaseException:\n    pass\ny = 1\nwhile True:\n    y += 1");
    stopped("x = []\ntry:\n    while True:\n        x.append([0] * 100)\nexcept:\n    x = []\nz = [0] * 10");
  }

  @Test
  void aBaseThatAllocatesIsNamedAndTheBudgetCoversTheWholeLoad() throws Exception {
    // each string is charged 40 MB (two bytes a character) before it is made
    Path base = Files.writeString(dir.resolve("greedy_base.py"), "junk = 'x' * (20 * 2**20)\n");
    Path child = Files.writeString(dir.resolve("child.py"), "_base_ = ['greedy_base.py']\nmore = 'y' * (20 * 2**20)\n");
    // each file alone fits 64 MB; with the child's share too the load does not
    Config.fromFile(base, LoadOptions.defaults().withMemory(BUDGET));
    ConfigLoadException e = assertThrows(ConfigLoadException.class,
        () -> Config.fromFile(child, LoadOptions.defaults().withMemory(BUDGET)));
    assertTrue(e.getMessage().contains("memory budget of 64 MB"), e.getMessage());
    assertEquals(child.toString(), e.problems().get(0).location().file(), e.getMessage());
    assertEquals(2, e.problems().get(0).location().line(), e.getMessage());
  }

  @Test
  void normalArithmeticAndStringsStillWork() throws Exception {
    Path cfg = Files.writeString(dir.resolve("ok.py"), String.join("\n",
        "a = 3 * 4", "b = 2 ** 10", "c = 1 << 4", "d = 17 % 5", "e = 'v%d_%s' % (3, 'x')", "f = [1, 2] * 2",
        "g = 'ab'.ljust(4, '.')", "h = '-'.join(['a', 'b'])", "i = 'a,b'.replace(',', ';')", "j = 2.5 * 2",
        "k = [0]\nk *= 3", "m = 'x'\nm *= 2", "n = pow(2, 5)", "o = pow(2, 5, 3)", "p = format(3.14159, '.2f')",
        "q = '{:>4}'.format(7)", "r = sorted([3, 1, 2])", "s = max([1, 5])", "t = max(1, 5)", "u = sum(xrange(5))",
        "v = [i for i, c in enumerate('ab')]", "w = filter(None, [0, 1, 2])", "x = map(None, [1])", "y = len(range(10))",
        "z = list(reversed(xrange(3)))", ""));
    Config loaded = Config.fromFile(cfg, LoadOptions.defaults().withMemory(BUDGET));
    var d = loaded.dict();
    assertEquals(12, d.get("a"));
    assertEquals(1024, d.get("b"));
    assertEquals(16, d.get("c"));
    assertEquals(2, d.get("d"));
    assertEquals("v3_x", d.get("e"));
    assertEquals(List.of(1, 2, 1, 2), d.get("f"));
    assertEquals("ab..", d.get("g"));
    assertEquals("a-b", d.get("h"));
    assertEquals("a;b", d.get("i"));
    assertEquals(5.0, (Double) d.get("j"), 0);
    assertEquals(List.of(0, 0, 0), d.get("k"));
    assertEquals("xx", d.get("m"));
    assertEquals(32, d.get("n"));
    assertEquals(2, d.get("o"));
    assertEquals("3.14", d.get("p"));
    assertEquals("   7", d.get("q"));
    assertEquals(List.of(1, 2, 3), d.get("r"));
    assertEquals(5, d.get("s"));
    assertEquals(5, d.get("t"));
    assertEquals(10, d.get("u"));
    assertEquals(List.of(0, 1), d.get("v"));
    assertEquals(List.of(1, 2), d.get("w"));
    assertEquals(List.of(1), d.get("x"));
    assertEquals(10, d.get("y"));
    assertEquals(List.of(2, 1, 0), d.get("z"));
  }

  @Test
  void theBudgetIsReadInMegabytesAndMustBePositive() {
    assertEquals(LoadOptions.DEFAULT_MEMORY, LoadOptions.memoryFrom(null, "X"));
    assertEquals(256L << 20, LoadOptions.memoryFrom("256", "X"));
    assertEquals(1L << 19, LoadOptions.memoryFrom("0.5", "X"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LoadOptions.memoryFrom("lots", LoadOptions.MEMORY_ENV));
    assertTrue(e.getMessage().contains("POSEKIT_CONFIG_MEMORY=lots"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LoadOptions.memoryFrom("0", "X"));
    assertThrows(IllegalArgumentException.class, () -> LoadOptions.memoryFrom("-3", "X"));
  }
}
