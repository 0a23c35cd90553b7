package io.posekit.tfmodels.demo;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The {@code make-demo-data} command without a CLI library: parses
 * {@code OUT_DIR [--seed N] [--num-train N] [--num-val N] [--width W] [--height H]} into
 * {@link SyntheticCocoGenerator.Options} and writes the data set. The runtime's CLI calls
 * {@link #run} (or {@link SyntheticCocoGenerator#generate(SyntheticCocoGenerator.Options)} directly).
 */
public final class MakeDemoData {
  static final String USAGE =
      "usage: make-demo-data OUT_DIR [--seed N=0] [--num-train N=200] [--num-val N=50] [--width W=320] [--height H=240]";

  private MakeDemoData() {}

  /** The options {@code args} give; an IllegalArgumentException names a bad or unknown argument. */
  public static SyntheticCocoGenerator.Options parse(String... args) {
    Path out = null;
    long seed = 0;
    var d = SyntheticCocoGenerator.Options.defaults(Path.of("."));
    int train = d.numTrain(), val = d.numVal(), w = d.width(), h = d.height();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        if (out != null) {
          throw new IllegalArgumentException("one OUT_DIR only, got '" + out + "' and '" + a + "'");
        }
        out = Path.of(a);
        continue;
      }
      String key = a, value;
      int eq = a.indexOf('=');
      if (eq > 0) {
        key = a.substring(0, eq);
        value = a.substring(eq + 1);
      } else {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(a + " needs a value");
        }
        value = args[++i];
      }
      try {
        switch (key) {
          case "--seed" -> seed = Long.parseLong(value);
          case "--num-train" -> train = Integer.parseInt(value);
          case "--num-val" -> val = Integer.parseInt(value);
          case "--width" -> w = Integer.parseInt(value);
          case "--height" -> h = Integer.parseInt(value);
          default -> throw new IllegalArgumentException("unknown option " + key);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + ": not a number: '" + value + "'", e);
      }
    }
    if (out == null) {
      throw new IllegalArgumentException("OUT_DIR is missing");
    }
    return new SyntheticCocoGenerator.Options(out, seed, train, val, w, h);
  }

  /** Parses, generates, reports on {@code out}; returns the exit code (2 for a usage error). */
  public static int run(PrintStream out, PrintStream err, String... args) {
    SyntheticCocoGenerator.Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      err.println("make-demo-data: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    long t0 = System.nanoTime();
    SyntheticCocoGenerator.Summary s = SyntheticCocoGenerator.generate(options);
    out.printf(
        "wrote %d train and %d val images, %s and %s under %s in %.1f s%n", s.trainImages(), s.valImages(),
        String.join(", ", s.annotationFiles()), s.detectionFile(), s.root(), (System.nanoTime() - t0) / 1e9);
    return 0;
  }

  public static void main(String[] args) {
    int code = run(System.out, System.err, args);
    if (code != 0) {
      System.exit(code);
    }
  }
}
