package io.posekit.tfmodels.fileio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The http backend against the JDK's HTTP server on loopback, which injects the faults a remote
 * store shows: dropped connections, 503s and a body that stalls; each is retried, and a fault that
 * lasts fails naming the URL.
 */
class HttpBackendTest {
  private static final byte[] BODY = "the image bytes".getBytes();
  private static HttpServer server;
  private static String base;
  /** Requests seen per path. */
  private static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();

  private final HttpBackend http = new HttpBackend(new Retry(3, Duration.ofMillis(10), Duration.ofMillis(40)),
      Duration.ofSeconds(2), Duration.ofMillis(1500));

  @BeforeAll
  static void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", HttpBackendTest::handle);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  /** The fault comes from the path: /ok, /503-twice, /503-always, /drop-once, /stall-once, /404, /403. */
  private static void handle(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    int hit = HITS.computeIfAbsent(x.getRequestMethod() + path, k -> new AtomicInteger()).incrementAndGet();
    try (x) {
      if (path.startsWith("/503-twice") && hit <= 2 || path.startsWith("/503-always")) {
        x.sendResponseHeaders(503, -1);
      } else if (path.startsWith("/drop-once") && hit == 1) {
        // the connection closes before any response: the client sees its read cut off
        return;
      } else if (path.startsWith("/stall-once") && hit == 1) {
        x.sendResponseHeaders(200, BODY.length);
        OutputStream out = x.getResponseBody();
        out.write(BODY, 0, 4);
        out.flush();
        sleep(2500); // longer than the client's 1.5 s for a whole response
      } else if (path.startsWith("/404")) {
        x.sendResponseHeaders(404, -1);
      } else if (path.startsWith("/403")) {
        x.sendResponseHeaders(403, -1);
      } else {
        boolean head = x.getRequestMethod().equals("HEAD");
        x.sendResponseHeaders(200, head ? -1 : BODY.length);
        if (!head) {
          x.getResponseBody().write(BODY);
        }
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int hits(String methodAndPath) {
    return HITS.getOrDefault(methodAndPath, new AtomicInteger()).get();
  }

  @Test
  void readsAndChecksExistence() {
    assertArrayEquals(BODY, http.get(base + "/ok/a.jpg"));
    assertTrue(http.exists(base + "/ok/a.jpg"));
    assertFalse(http.exists(base + "/404/a.jpg"));
    assertEquals("http", FileIO.getFileBackend(base + "/ok/a.jpg", null).name());
    assertEquals("http", FileIO.getFileBackend("https://example.invalid/a.jpg", null).name());
  }

  @Test
  void transientFaultsAreRetried() {
    assertArrayEquals(BODY, http.get(base + "/503-twice/a.jpg"));
    assertEquals(3, hits("GET/503-twice/a.jpg"));
    assertArrayEquals(BODY, http.get(base + "/drop-once/a.jpg"));
    assertEquals(2, hits("GET/drop-once/a.jpg"));
    assertArrayEquals(BODY, http.get(base + "/stall-once/a.jpg"));
    assertEquals(2, hits("GET/stall-once/a.jpg"));
  }

  @Test
  void aFaultThatLastsFailsNamingTheUrlAfterEveryAttempt() {
    String url = base + "/503-always/a.jpg";
    var e = assertThrows(StorageException.class, () -> http.get(url));
    assertEquals(url + ": still failing after 3 attempts: HTTP 503", e.getMessage());
    assertEquals(3, hits("GET/503-always/a.jpg"));
  }

  @Test
  void missingAndRefusedFilesFailAtOnce() {
    String missing = base + "/404/a.jpg";
    var e = assertThrows(MissingFileException.class, () -> http.get(missing));
    assertEquals(missing + ": no such file (HTTP 404)", e.getMessage());
    assertEquals(1, hits("GET/404/a.jpg"));
    String refused = base + "/403/a.jpg";
    var r = assertThrows(StorageException.class, () -> http.get(refused));
    assertEquals(refused + ": HTTP 403", r.getMessage());
    assertEquals(1, hits("GET/403/a.jpg"));
  }

  @Test
  void prefetchedBytesAreTakenOncePerHint() {
    http.get(base + "/ok/once.jpg");
    assertEquals(1, hits("GET/ok/once.jpg"), "one get, one request");
    PrefetchingBackend ahead = new PrefetchingBackend(http);
    String url = base + "/ok/prefetched.jpg";
    ahead.prefetch(url);
    ahead.prefetch(url); // two person samples of one image
    assertEquals(1, ahead.pending());
    assertArrayEquals(BODY, ahead.get(url));
    assertArrayEquals(BODY, ahead.get(url));
    assertEquals(0, ahead.pending());
    assertEquals(1, hits("GET/ok/prefetched.jpg"), "both gets took the one prefetched read");
    assertArrayEquals(BODY, ahead.get(url));
    assertEquals(2, hits("GET/ok/prefetched.jpg"), "without a hint it reads again");
    String missing = base + "/404/prefetched.jpg";
    ahead.prefetch(missing);
    var e = assertThrows(MissingFileException.class, () -> ahead.get(missing));
    assertEquals(missing + ": no such file (HTTP 404)", e.getMessage());
  }
}
