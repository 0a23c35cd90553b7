package io.posekit.runtime.config.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.config.Config;
import io.posekit.runtime.config.LoadOptions;
import io.posekit.runtime.config.dict.ConfigDict;
import io.posekit.runtime.config.dict.ConfigLoadException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format strings reach attributes and items at run time; none may reach what the sandbox forbids
 * in code. Each attempt must fail naming the config and the field, print nothing and define
 * nothing (the leaked text would be the loader's globals or builtins).
 */
class FormatEscapeTest {
  @TempDir Path dir;

  static final String[] ATTEMPTS = {
    "x = '{0.__class__.__mro__}'.format(1)",
    "x = '{0.__globals__}'.format(lambda: 0)",
    "x = '{0.func_globals}'.format(lambda: 0)",
    "x = u'{0.__class__}'.format(1)",
    "x = b'{0.__class__}'.format(1)",
    "x = str.format('{0.__class__}', 1)",
    "f = str.format\nx = f('{0.__class__}', 1)",
    "f = '{0.__globals__}'.format\nx = f(lambda: 0)",
    "x = list(map('{0.__class__}'.format, [1]))",
    "x = '{a.__class__}'.format(a=1)",
    "x = '{0:{1.__class__}}'.format(1, 2)",
    "x = '{0!r:{1.__class__.__name__}}'.format(1, 2)",
    "x = '{0[__builtins__]}'.format({'__builtins__': 1})",
    "x = '{0.__globals__[__builtins__]}'.format(lambda: 0)",
    "x = '{0.getClass}'.format(1)",
    "x = '{0.im_func}'.format(1)",
    "def show(v):\n    return '{0.__class__}'.format(v)\nx = show(1)",
    "x = f'{\"{0.__class__}\".format(1)}'",
    "x = [s.format(1) for s in ['{0.__class__}']]",
    "x = '{}'.format_map({})",
    "x = f'{(lambda: 0).__globals__}'",
    "x = f'{1 .__class__!r}'",
    "x = '{0.mro}'.format(1)",
  };

  @Test
  void noFormatFieldReachesWhatTheSandboxForbids() throws Exception {
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    for (int i = 0; i < ATTEMPTS.length; i++) {
      Path cfg = dir.resolve("format" + i + ".py");
      Files.writeString(cfg, ATTEMPTS[i] + "\nprint(x)\n");
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      ConfigLoadException e;
      try {
        e = assertThrows(ConfigLoadException.class, () -> Config.fromFile(cfg, LoadOptions.defaults()), ATTEMPTS[i]);
      } finally {
        System.setOut(out);
      }
      assertTrue(e.getMessage().contains(cfg.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("not allowed"), ATTEMPTS[i] + " -> " + e.getMessage());
      assertEquals("", printed.toString(StandardCharsets.UTF_8), ATTEMPTS[i]);
    }
  }

  @Test
  void theErrorNamesTheFieldAndTheLine() throws Exception {
    Path cfg = Files.writeString(dir.resolve("line.py"), "a = 1\nx = '{0.__class__.__mro__}'.format(1)\n");
    ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> Config.fromFile(cfg, LoadOptions.defaults()));
    assertEquals(2, e.problems().get(0).location().line(), e.getMessage());
    assertTrue(e.getMessage().contains("'0.__class__.__mro__'") && e.getMessage().contains("'__class__'"), e.getMessage());
  }

  @Test
  void ordinaryFormattingIsUnchanged() throws Exception {
    Path cfg = Files.writeString(dir.resolve("ok.py"), String.join("\n",
        "lr = 0.01",
        "d = dict(name='hrnet', size=(256, 192))",
        "a = '{}_{:.3f}'.format('w32', lr)",
        "b = '{0[name]}-{0[size][1]}'.format(d)",
        "c = '{v.real}/{v.imag}'.format(v=3)",
        "e = str.format('{0:>5}|{1!s}', 'x', 'y')",
        "f = f'{lr:.1e}_{d[\"name\"]!r}'",
        "g = format(3.14159, '.2f') + '%s-%(k)s' % ('x',) if False else format(3.14159, '.2f')",
        "h = '%s/%s' % ('a', 1) + '|' + '%(k)s' % {'k': 'v'}",
        "i = '{0:{1}}'.format(7, '>3')",
        "j = list(map('<{}>'.format, [1, 2]))",
        ""));
    ConfigDict d = Config.fromFile(cfg, LoadOptions.defaults()).dict();
    assertEquals("w32_0.010", d.get("a"));
    assertEquals("hrnet-192", d.get("b"));
    assertEquals("3/0", d.get("c"));
    assertEquals("    x|y", d.get("e"));
    assertEquals("1.0e-02_'hrnet'", d.get("f"));
    assertEquals("3.14", d.get("g"));
    assertEquals("a/1|v", d.get("h"));
    assertEquals("  7", d.get("i"));
    assertEquals(java.util.List.of("<1>", "<2>"), d.get("j"));
  }

  @Test
  void percentFormattingAndFormatSpecsReadNoAttributes() throws Exception {
    // '%' and format() take no field names: they only index the mapping given or read a spec
    Path cfg = Files.writeString(dir.resolve("percent.py"), String.join("\n",
        "a = '%(__class__)s' % {'__class__': 'mine'}",
        "b = '%s' % ((lambda: 0) is None,)",
        ""));
    ConfigDict d = Config.fromFile(cfg, LoadOptions.defaults()).dict();
    assertEquals("mine", d.get("a"));
    assertEquals("False", d.get("b"));
    Path spec = Files.writeString(dir.resolve("spec.py"), "x = format(1, '{0.__class__}')\n");
    ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> Config.fromFile(spec, LoadOptions.defaults()));
    assertTrue(e.getMessage().contains("ValueError"), e.getMessage());
    assertFalse(e.getMessage().contains("<type"), e.getMessage());
  }

  @Test
  void aConfigCannotShadowTheFormatCheck() throws Exception {
    Path cfg = Files.writeString(dir.resolve("shadow.py"), "__pk_format__ = lambda s: s\nx = '{0.__class__}'.format(1)\n");
    ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> Config.fromFile(cfg, LoadOptions.defaults()));
    assertTrue(e.getMessage().contains("__pk_format__") && e.getMessage().contains("not allowed"), e.getMessage());
  }
}
