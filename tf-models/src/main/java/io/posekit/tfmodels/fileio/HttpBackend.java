package io.posekit.tfmodels.fileio;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * MMEngine's {@code HTTPBackend} ({@code http://}, {@code https://}) on {@code java.net.http}.
 * A response must arrive whole within the read timeout, so a server that stalls mid-body is a
 * timeout like one that never answers; both, resets and 408/429/5xx are retried, 404 and 410 mean
 * missing.
 */
final class HttpBackend implements StorageBackend {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient client;
  private final Retry retry;
  private final Duration readTimeout;

  HttpBackend(Retry retry, Duration connectTimeout, Duration readTimeout) {
    this.client = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
    this.retry = retry;
    this.readTimeout = readTimeout;
  }

  /** MMEngine's HTTPBackend takes no arguments. */
  static HttpBackend create(BackendArgs args) {
    args.requireAllTaken();
    return new HttpBackend(Retry.standard(), CONNECT_TIMEOUT, READ_TIMEOUT);
  }

  @Override
  public String name() {
    return "http";
  }

  @Override
  public boolean isRemote() {
    return true;
  }

  @Override
  public byte[] get(String filepath) {
    HttpRequest request = request(filepath).GET().build();
    return retry.call(filepath, () -> {
      HttpResponse<byte[]> response = send(filepath, request, HttpResponse.BodyHandlers.ofByteArray());
      int status = response.statusCode();
      if (status == 404 || status == 410) {
        throw new MissingFileException(filepath, filepath + ": no such file (HTTP " + status + ")");
      }
      check(filepath, status);
      return response.body();
    });
  }

  @Override
  public boolean exists(String filepath) {
    HttpRequest request = request(filepath).method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
    return retry.call(filepath, () -> {
      int status = send(filepath, request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status == 404 || status == 410) {
        return false;
      }
      check(filepath, status);
      return true;
    });
  }

  private HttpRequest.Builder request(String filepath) {
    URI uri;
    try {
      uri = URI.create(filepath);
    } catch (IllegalArgumentException e) {
      throw new StorageException(filepath, filepath + ": not a valid URL: " + e.getMessage(), e);
    }
    return HttpRequest.newBuilder(uri).timeout(readTimeout);
  }

  private static void check(String filepath, int status) throws Retry.TransientFault {
    if (Retry.transientStatus(status)) {
      throw new Retry.TransientFault("HTTP " + status);
    }
    if (status < 200 || status >= 300) {
      throw new StorageException(filepath, filepath + ": HTTP " + status);
    }
  }

  private <T> HttpResponse<T> send(String filepath, HttpRequest request, HttpResponse.BodyHandler<T> body)
      throws Retry.TransientFault {
    CompletableFuture<HttpResponse<T>> response = client.sendAsync(request, body);
    try {
      return response.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      response.cancel(true);
      throw new Retry.TransientFault("no whole response within " + readTimeout.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException) {
        throw new Retry.TransientFault(cause.toString(), cause); // reset, refused, cut short, timed out
      }
      throw new StorageException(filepath, filepath + ": " + cause, cause);
    } catch (InterruptedException e) {
      response.cancel(true);
      Thread.currentThread().interrupt();
      throw new StorageException(filepath, filepath + ": interrupted", e);
    }
  }
}
