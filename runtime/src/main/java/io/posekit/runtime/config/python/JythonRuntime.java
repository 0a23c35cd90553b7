package io.posekit.runtime.config.python;

import java.util.Properties;
import org.python.core.Options;
import org.python.core.PySystemState;

/** Starts Jython once per JVM the way configs need it: no site import, no package cache. */
final class JythonRuntime {
  private static boolean started;

  private JythonRuntime() {}

  static synchronized void ensureStarted() {
    if (started) {
      return;
    }
    Options.importSite = false;
    Options.no_site = true;
    Options.dont_write_bytecode = true;
    Options.respectJavaAccessibility = true;
    Options.Qnew = true; // true division, as in Python 3
    // a config error is reported from its Python traceback; the Java stack of every Python
    // exception only costs (near the recursion limit, seconds per stopped config)
    Options.includeJavaStackInExceptions = false;
    Properties props = new Properties();
    props.setProperty("python.import.site", "false");
    props.setProperty("python.cachedir.skip", "true");
    props.setProperty("python.console.encoding", "UTF-8");
    props.setProperty("python.security.respectJavaAccessibility", "true");
    PySystemState.initialize(System.getProperties(), props, new String[0]);
    started = true;
  }
}
