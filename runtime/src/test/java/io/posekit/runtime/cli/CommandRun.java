package io.posekit.runtime.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/**
 * One run of a picocli command in this JVM, with what it printed: the engine logs to
 * {@code System.out}, picocli's usage errors go to the command line's error writer.
 */
record CommandRun(int code, String out, String err) {
  static CommandRun of(Object command, List<String> args) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int code;
    try {
      CommandLine cl = new CommandLine(command);
      cl.setErr(new PrintWriter(err));
      code = cl.execute(args.toArray(String[]::new));
    } finally {
      System.setOut(old);
    }
    return new CommandRun(code, out.toString(StandardCharsets.UTF_8), err.toString());
  }
}
