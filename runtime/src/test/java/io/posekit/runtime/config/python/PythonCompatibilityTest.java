package io.posekit.runtime.config.python;

import static io.posekit.runtime.config.ConfigSemanticsTest.OPTIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.config.Config;
import io.posekit.runtime.config.dict.ConfigDict;
import io.posekit.runtime.config.dict.ConfigLoadException;
import io.posekit.spi.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Python 3 behaviour real configs rely on that Jython 2.7 does not give by itself. */
class PythonCompatibilityTest {
  private static Config load(String text) {
    return Config.fromString(text, "py", OPTIONS);
  }

  private static List<Object> keys(Config cfg, String path) {
    return List.copyOf(((ConfigDict) cfg.get(path)).keySet());
  }

  @Test
  void copiesAndDictCallsKeepInsertionOrder() {
    Config cfg = load("""
        a = dict(z=1, b=2, a=3, m=4, c=5, y=6)
        b = a.copy()
        c = dict(**a)
        d = dict(a, q=7)
        e = dict(a.items())
        f = dict({'neck.encoder': dict(lr_mult=0.05)})
        g = b.copy()
        g.update(dict(x=1, aa=2))
        g.pop('b')
        """);
    List<Object> order = List.of("z", "b", "a", "m", "c", "y");
    assertEquals(order, keys(cfg, "b"));
    assertEquals(order, keys(cfg, "c"));
    assertEquals(List.of("z", "b", "a", "m", "c", "y", "q"), keys(cfg, "d"));
    assertEquals(order, keys(cfg, "e"));
    assertEquals(0.05, ((ConfigDict) ((ConfigDict) cfg.get("f")).get("neck.encoder")).get("lr_mult"));
    assertEquals(List.of("z", "a", "m", "c", "y", "x", "aa"), keys(cfg, "g"));
    assertEquals(order, keys(cfg, "a")); // the copy was changed, not the original
  }

  @Test
  void dictComprehensionsKeepOrder() {
    Config cfg = load("""
        a = dict(z=1, b=2, a=3, m=4, c=5, y=6)
        g = {k: v * 2 for k, v in a.items() if k != 'm'}
        h = {'{}_x'.format(k): {'n': v} for k, v in sorted(a.items())}
        s = {1: 'a', 2: 'b'}
        i = [x for x in [1, 2]]
        """);
    assertEquals(List.of("z", "b", "a", "c", "y"), keys(cfg, "g"));
    assertEquals(10, cfg.get("g.c"));
    assertEquals(List.of("a_x", "b_x", "c_x", "m_x", "y_x", "z_x"), keys(cfg, "h"));
    assertEquals(List.of(1, 2), keys(cfg, "s"));
    assertEquals("dict((k, v ) for k in x)", DisplayRewriter.rewrite("{k: v for k in x}"));
  }

  @Test
  void starDisplaysOfPython35Work() {
    Config cfg = load("""
        b = [3, 4]
        t = (1, *b, 5,
             *[6])
        l = [*b]
        m = [dict(a=1,
                  k='x,*y'), *b  # comment, *z
             ]
        n = [[*b], (*b,)]
        s = 'a' + '[*b]'
        """);
    assertEquals(Tuple.of(1, 3, 4, 5, 6), cfg.get("t"));
    assertEquals(List.of(3, 4), cfg.get("l"));
    assertEquals(3, ((List<?>) cfg.get("m")).size());
    assertEquals("x,*y", cfg.get("m.0.k"));
    assertEquals(List.of(List.of(3, 4), Tuple.of(3, 4)), cfg.get("n"));
    assertEquals("a[*b]", cfg.get("s"));
  }

  @Test
  void starDisplayRewriteKeepsLinesAndLeavesCallsAlone() {
    String source = "x = [a,\n     *b]\nf(*args)\ny = c[*d]\n";
    String rewritten = DisplayRewriter.rewrite(source);
    assertEquals("x = ([a] + \n     __pk_list__(b))\nf(*args)\ny = c[*d]\n", rewritten);
    ConfigLoadException e = assertThrows(ConfigLoadException.class,
        () -> load("b = [1]\nx = [0,\n     *b,\n     2]\ny = undefined_name\n"));
    assertTrue(e.getMessage().contains("<string>.py:5"), e.getMessage());
  }

  @Test
  void aChangedFileIsCompiledAgain(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("cfg.py");
    Files.writeString(file, "x = 1\n");
    assertEquals(1, Config.fromFile(file, OPTIONS).get("x"));
    Files.writeString(file, "x = 2\n");
    assertEquals(2, Config.fromFile(file, OPTIONS).get("x"));
    // same text, other file: its own code (errors name the right file)
    Path other = dir.resolve("other.py");
    Files.writeString(other, "x = undefined\n");
    Files.writeString(file, "x = undefined\n");
    assertTrue(assertThrows(ConfigLoadException.class, () -> Config.fromFile(other, OPTIONS)).getMessage().contains("other.py"));
    assertTrue(assertThrows(ConfigLoadException.class, () -> Config.fromFile(file, OPTIONS)).getMessage().contains("cfg.py"));
  }

  @Test
  void yamlDumpKeepsTuplesWithPyyamlsTag(@TempDir Path dir) throws Exception {
    Config cfg = load("size = (192, 256)\nnested = dict(pairs=[(1, 2), (3, (4, 5))])\nempty = ()\n");
    cfg.dump(dir.resolve("out.yaml"));
    String yaml = Files.readString(dir.resolve("out.yaml"));
    assertTrue(yaml.contains("size: !!python/tuple"), yaml);
    Config back = Config.fromFile(dir.resolve("out.yaml"), OPTIONS);
    assertEquals(cfg.toMap(), back.toMap());
  }

  @Test
  void pythonDumpPutsNestedDictsOneKeyPerLineAndReadsBack(@TempDir Path dir) throws Exception {
    Config cfg = load("model = dict(type='M', head=dict(type='H', loss=dict(type='L')), size=(1, 2))\n"
        + "codec = dict(type='C', sigma=2)\npipeline = [dict(type='A'), dict(type='B', p=0.5)]\n");
    String text = cfg.prettyText();
    assertEquals("""
        model = dict(
            type='M',
            head=dict(
                type='H',
                loss=dict(type='L'),
            ),
            size=(1, 2),
        )
        codec = dict(type='C', sigma=2)
        pipeline = [
            dict(type='A'),
            dict(type='B', p=0.5),
        ]
        """, text);
    cfg.dump(dir.resolve("out.py"));
    assertEquals(cfg.toMap(), Config.fromFile(dir.resolve("out.py"), OPTIONS).toMap());
  }
}
