package io.posekit.processor;

import java.io.PrintWriter;
import java.io.StringWriter;
import javax.annotation.processing.Messager;
import javax.tools.Diagnostic;

/** Turns an exception inside the processor into a compiler error instead of a javac stack trace. */
final class CrashReporter {
  private final Messager messager;

  CrashReporter(Messager messager) {
    this.messager = messager;
  }

  /** Runs {@code work}; a thrown exception becomes an ERROR naming {@code what}. */
  void guard(String what, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException | Error e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      messager.printMessage(
          Diagnostic.Kind.ERROR,
          "PoseKit processor crashed while processing " + what + ": " + trace + "please report");
    }
  }
}
