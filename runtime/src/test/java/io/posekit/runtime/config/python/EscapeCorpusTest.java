package io.posekit.runtime.config.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.config.Config;
import io.posekit.runtime.config.LoadOptions;
import io.posekit.runtime.config.dict.ConfigLoadException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The escape corpus ({@code SandboxEscapeFuzzTestInputs/escapeAttempts/*.py}, each naming on its first line what its refusal says):
 * every attempt is refused with a {@link ConfigLoadException} naming the file and saying why,
 * within its budgets, and leaves nothing observable: no file outside the config's folder, no
 * connection to a listening socket, no child process, nothing of Jython's or PoseKit's internals
 * in the message or on standard output. The same files seed {@code SandboxEscapeFuzzTest}.
 */
class EscapeCorpusTest {
  static final Duration TIME = Duration.ofSeconds(3);
  static final long MEMORY = 64L << 20;

  @TempDir static Path scratch;

  @BeforeAll
  static void startJython() throws Exception {
    Config.fromFile(Files.writeString(scratch.resolve("warm.py"), "a = 1\n"), LoadOptions.defaults());
  }

  static Path corpusDir() throws URISyntaxException {
    return Path.of(EscapeCorpusTest.class.getResource("SandboxEscapeFuzzTestInputs/escapeAttempts").toURI());
  }

  static Stream<Path> corpus() throws IOException, URISyntaxException {
    return Files.list(corpusDir()).filter(p -> p.toString().endsWith(".py")).sorted();
  }

  @Test
  void theCorpusHoldsAtLeastFiftyAttempts() throws Exception {
    assertTrue(corpus().count() >= 50);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void everyAttemptIsRefusedAndLeavesNoTrace(Path attempt) throws Exception {
    // a fuzzer's finding may not be UTF-8: decoded as the fuzz target decodes it
    String text = new String(Files.readAllBytes(attempt), StandardCharsets.UTF_8);
    Outcome outcome = attempt(text, attempt.getFileName().toString());
    if (text.startsWith("# expect: ")) {
      String expect = text.substring("# expect: ".length(), text.indexOf('\n')).trim();
      assertNull(outcome.loaded, attempt + " loaded: " + outcome.loaded);
      ConfigLoadException e = outcome.refused;
      assertTrue(e.getMessage().contains(expect), attempt + ": expected '" + expect + "' in " + e.getMessage());
    } else if (outcome.loaded != null) {
      // a fuzzer's finding kept as it was found: it may load, as long as it escapes nowhere
      SandboxEscapeFuzzTest.onlyConfigValues(outcome.loaded);
    }
    assertTrue(outcome.seconds < 20, attempt + " took " + outcome.seconds + " s");
    assertEquals(List.of(), outcome.traces(), attempt.toString());
  }

  /** What loading one attempt did, and what it left. */
  record Outcome(ConfigLoadException refused, Object loaded, double seconds, boolean fileOutside, boolean connected,
      long children, String message, String printed, String source) {
    /** The observable escapes, empty when there were none. */
    List<String> traces() {
      List<String> out = new java.util.ArrayList<>();
      if (fileOutside) {
        out.add("a file was written outside the config's folder");
      }
      if (connected) {
        out.add("a socket connected to the listening port");
      }
      if (children > 0) {
        out.add(children + " process(es) started");
      }
      for (String internal : List.of("org.python", "java.lang", "io.posekit", "<java ", "Traceback", "\tat ")) {
        // the config's own text may name them ('import of module java.lang is not allowed')
        if (!source.contains(internal) && (message.contains(internal) || printed.contains(internal))) {
          out.add("internals shown: " + internal);
        }
      }
      return out;
    }
  }

  /**
   * Loads {@code source} as {@code name} in a fresh folder, {@code MARK} naming a file outside it
   * and {@code PORT} a listening local port, under small budgets; reports what it did.
   */
  static Outcome attempt(String source, String name) throws IOException {
    Path root = Files.createTempDirectory("posekit-attempt");
    try {
      return attemptIn(root, source, name);
    } finally {
      try (Stream<Path> files = Files.walk(root)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Outcome attemptIn(Path root, String source, String name) throws IOException {
    Path folder = Files.createDirectories(root.resolve("config"));
    Path outside = Files.createDirectories(root.resolve("outside"));
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress("127.0.0.1", 0));
      server.configureBlocking(false);
      int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
      Path cfg = folder.resolve(name);
      Files.writeString(cfg, source.replace("MARK", outside.resolve("mark").toString())
          .replace("PORT", String.valueOf(port)));
      long childrenBefore = ProcessHandle.current().descendants().count();
      PrintStream stdout = System.out;
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      ConfigLoadException refused = null;
      Object loaded = null;
      long start = System.nanoTime();
      try {
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        loaded = Config.fromFile(cfg, LoadOptions.defaults().withoutCache().withTimeout(TIME).withMemory(MEMORY)).dict();
      } catch (ConfigLoadException e) {
        refused = e;
      } finally {
        System.setOut(stdout);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      boolean fileOutside;
      try (Stream<Path> files = Files.list(outside)) {
        fileOutside = files.findAny().isPresent();
      }
      boolean connected = server.accept() != null;
      long children = ProcessHandle.current().descendants().count() - childrenBefore;
      String message = refused == null ? "" : refused.getMessage();
      return new Outcome(refused, loaded, seconds, fileOutside, connected, children, message,
          printed.toString(StandardCharsets.UTF_8), source);
    }
  }

  @Test
  void theObserversSeeWhatTheyWatch() throws Exception {
    // the same observers, shown real traces from outside the sandbox: a test of the test
    Path root = Files.createTempDirectory(scratch, "observer");
    Files.writeString(root.resolve("mark"), "x");
    try (Stream<Path> files = Files.list(root)) {
      assertTrue(files.findAny().isPresent());
    }
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress("127.0.0.1", 0));
      server.configureBlocking(false);
      int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
      try (java.net.Socket client = new java.net.Socket("127.0.0.1", port)) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        java.nio.channels.SocketChannel accepted = null;
        while (accepted == null && System.nanoTime() < deadline) {
          accepted = server.accept();
        }
        assertTrue(accepted != null);
        accepted.close();
      }
    }
    Process p = new ProcessBuilder("sleep", "2").start();
    try {
      assertTrue(ProcessHandle.current().descendants().count() > 0);
    } finally {
      p.destroy();
    }
    Outcome fine = attempt("x = 1\n", "fine.py");
    assertEquals(java.util.Map.of("x", 1), fine.loaded);
    assertFalse(fine.fileOutside || fine.connected);
  }

  @Test
  void aFileTheConfigWritesWouldBeSeen() throws Exception {
    // trusted configs may write files: the observer must report it (needs POSEKIT_UNSAFE_CONFIGS=1)
    if (!"1".equals(System.getenv(LoadOptions.UNSAFE_ENV))) {
      assertThrows(ConfigLoadException.class, () -> Config.fromFile(Files.writeString(scratch.resolve("u.py"), "x = 1\n"),
          LoadOptions.allowUnsafe()));
    }
  }
}
