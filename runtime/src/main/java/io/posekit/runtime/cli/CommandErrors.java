package io.posekit.runtime.cli;

import io.posekit.configgen.ConfigGenException;
import io.posekit.runtime.engine.checkpoint.CheckpointException;
import io.posekit.runtime.registry.RegistryConflictException;
import io.posekit.spi.ConfigException;
import io.posekit.tfmodels.datasets.DataLoaderException;
import io.posekit.tfmodels.structures.CocoFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import io.posekit.tfmodels.fileio.StorageException;
import picocli.CommandLine;

/**
 * What the user sees when a command fails: one message, never a stack trace unless asked for
 * ({@code --debug} or {@code POSEKIT_DEBUG=1}). The errors of bad input (configs, data sets,
 * checkpoints, files, registry conflicts, arguments) say what is wrong and where by their message;
 * anything else is a defect, reported in one line with the way to see its trace.
 */
final class CommandErrors {
  /** Environment variable that, set to anything but {@code 0} or {@code false}, prints the stack trace of a failed command. */
  static final String DEBUG_VARIABLE = "POSEKIT_DEBUG";
  static final String DEBUG_OPTION = "--debug";

  /** Exceptions whose message is written for the user: what is wrong, naming the file, key or argument. */
  private static final List<Class<? extends Exception>> USER_ERRORS = List.of(
      ConfigException.class, RegistryConflictException.class, CheckpointException.class, CocoFormatException.class,
      ConfigGenException.class, StorageException.class, IllegalArgumentException.class);

  private CommandErrors() {}

  /** picocli's execution exception handler: prints the error of {@code commandLine}'s command, exit code 1. */
  static int report(Exception error, CommandLine commandLine, CommandLine.ParseResult parsed) {
    PrintWriter err = commandLine.getErr();
    err.println("posekit " + commandLine.getCommandName() + ": " + message(error));
    if (debug(parsed)) {
      error.printStackTrace(err);
    }
    err.flush();
    return 1;
  }

  /** The user's message for {@code error}: its own for bad input, else its type and a pointer to {@code --debug}. */
  static String message(Throwable error) {
    Throwable e = unwrap(error);
    if (e instanceof DataLoaderException loader && loader.getCause() != null) {
      return loader.what() + ": " + message(loader.getCause());
    }
    if (e instanceof UncheckedIOException io) {
      // our own messages say what failed; new UncheckedIOException(cause) only repeats the cause
      return io.getMessage() == null || io.getMessage().equals(io.getCause().toString()) ? fileMessage(io.getCause()) : io.getMessage();
    }
    if (e instanceof IOException io) {
      return fileMessage(io);
    }
    for (Class<? extends Exception> type : USER_ERRORS) {
      if (type.isInstance(e) && e.getMessage() != null) {
        return e.getMessage();
      }
    }
    String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return "unexpected error " + what + " (run with " + DEBUG_OPTION + " for the stack trace)";
  }

  /** A file the command could not read or write: the file and why, as the operating system says. */
  private static String fileMessage(IOException e) {
    if (e instanceof FileSystemException fs && fs.getFile() != null) {
      String why = e instanceof NoSuchFileException ? "no such file or directory"
          : e instanceof AccessDeniedException ? "permission denied"
          : e instanceof NotDirectoryException ? "not a directory"
          : fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName();
      return fs.getFile() + (fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile()) + ": " + why;
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /** Wrappers that only carry another error across threads or reflection. */
  private static Throwable unwrap(Throwable e) {
    Throwable current = e;
    while (current.getCause() != null && (current instanceof ExecutionException || current instanceof CompletionException
        || current instanceof InvocationTargetException || current instanceof CommandLine.ExecutionException)) {
      current = current.getCause();
    }
    return current;
  }

  /** {@code --debug} anywhere on the command line, or {@code POSEKIT_DEBUG} set. */
  static boolean debug(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption(DEBUG_OPTION)) {
        return true;
      }
    }
    String env = System.getenv(DEBUG_VARIABLE);
    return env != null && !env.isEmpty() && !env.equals("0") && !env.equalsIgnoreCase("false");
  }
}
