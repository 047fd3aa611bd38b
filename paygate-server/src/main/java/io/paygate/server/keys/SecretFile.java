package io.paygate.server.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * A file holding a secret PayGate made: an app's private key, the development API key, the first
 * admin's one-time password. On a POSIX file system it is created with mode 0600 (owner read and
 * write) in the same call that creates it, so it is never readable by others, not even for a
 * moment; elsewhere (Windows) its access list is cut down to the owner before the secret is
 * written, as far as the file system allows.
 */
public final class SecretFile {

  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private SecretFile() {}

  /**
   * Creates {@code file} (and its directories) holding {@code text}; never overwrites: an existing
   * file, or a link in its place, is a {@link java.nio.file.FileAlreadyExistsException}.
   */
  public static void create(Path file, String text) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    try (SeekableByteChannel channel =
        Files.newByteChannel(
            file,
            EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            ownerOnlyAtCreation(file))) {
      if (!posix(file)) {
        ownerOnlyAcl(file);
      }
      ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    }
  }

  /**
   * Writes {@code text} to {@code file}, replacing what was there: written to a new owner-only file
   * beside it, then moved over it, so a reader sees the old secret or the new one, whole.
   */
  public static void replace(Path file, String text) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    Path fresh = directory.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    create(fresh, text);
    try {
      try {
        Files.move(
            fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(fresh);
    }
  }

  /**
   * Takes group and other access away from a secret file an earlier version wrote with the default
   * mode; true when it had any. Nothing to do off POSIX file systems.
   */
  public static boolean tighten(Path file) throws IOException {
    if (!posix(file)) {
      return false;
    }
    Set<PosixFilePermission> now = Files.getPosixFilePermissions(file);
    Set<PosixFilePermission> kept = EnumSet.noneOf(PosixFilePermission.class);
    kept.addAll(now);
    kept.retainAll(OWNER_ONLY);
    if (kept.equals(now)) {
      return false;
    }
    Files.setPosixFilePermissions(file, kept);
    return true;
  }

  /**
   * A secret given in place or as a file: the value when it is given, else the file's text, else
   * null. A file that cannot be read is the caller's own exception (so failure analyzers still name
   * the property), naming {@code property}-file and the file's name, never its content.
   */
  public static String valueOrFile(
      String value,
      Path file,
      String property,
      BiFunction<String, IOException, ? extends RuntimeException> unreadable) {
    if (value != null && !value.isBlank()) {
      return value;
    }
    if (file == null) {
      return null;
    }
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw unreadable.apply(
          "cannot read " + property + "-file (" + file.getFileName() + "): " + e.getMessage(), e);
    }
  }

  private static boolean posix(Path file) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static FileAttribute<?>[] ownerOnlyAtCreation(Path file) {
    return posix(file)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
  }

  /** The owner alone in the file's access list, set while the file is still empty. */
  private static void ownerOnlyAcl(Path file) throws IOException {
    AclFileAttributeView acl = Files.getFileAttributeView(file, AclFileAttributeView.class);
    if (acl == null) {
      return; // neither POSIX modes nor access lists: the directory's protection is all there is
    }
    acl.setAcl(
        List.of(
            AclEntry.newBuilder()
                .setType(AclEntryType.ALLOW)
                .setPrincipal(acl.getOwner())
                .setPermissions(EnumSet.allOf(AclEntryPermission.class))
                .build()));
  }
}
