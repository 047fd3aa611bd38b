package io.paygate.server.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secret files are the owner's alone from the moment they exist. */
class SecretFileTest {

  @TempDir Path dir;

  @BeforeEach
  void posixOnly() {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
  }

  private static String mode(Path file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  @Test
  void aNewFileIsTheOwnersOnlyAndNeverOverwritten() throws IOException {
    Path file = dir.resolve("deeper/secret");
    SecretFile.create(file, "s3cret\n");
    assertThat(mode(file)).isEqualTo("rw-------");
    assertThat(Files.readString(file)).isEqualTo("s3cret\n");
    assertThatThrownBy(() -> SecretFile.create(file, "other"))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(file)).isEqualTo("s3cret\n");
  }

  @Test
  void aLinkInTheFilesPlaceIsNotFollowed() throws IOException {
    Path target = dir.resolve("elsewhere");
    Files.writeString(target, "");
    Path link = Files.createSymbolicLink(dir.resolve("secret"), target);
    assertThatThrownBy(() -> SecretFile.create(link, "s3cret"))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(target)).isEmpty();
  }

  @Test
  void aReplacedFileIsTheOwnersOnlyWhateverTheOldOneWas() throws IOException {
    Path file = dir.resolve("secret");
    Files.writeString(file, "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    SecretFile.replace(file, "new");
    assertThat(mode(file)).isEqualTo("rw-------");
    assertThat(Files.readString(file)).isEqualTo("new");
    try (var left = Files.list(dir)) {
      assertThat(left).containsExactly(file);
    }
  }

  @Test
  void anOldWorldReadableFileIsTightened() throws IOException {
    Path file = dir.resolve("secret");
    Files.writeString(file, "kept");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
    assertThat(SecretFile.tighten(file)).isTrue();
    assertThat(mode(file)).isEqualTo("rw-------");
    assertThat(SecretFile.tighten(file)).isFalse();
    assertThat(Files.readString(file)).isEqualTo("kept");
  }

  @Test
  void aSecretIsGivenInPlaceOrAsAFileAndAnUnreadableFileIsTheCallersFailure() throws IOException {
    Path file = dir.resolve("apiv3-key");
    Files.writeString(file, "from-file");
    assertThat(SecretFile.valueOrFile("in-place", file, "p.key", IllegalStateException::new))
        .isEqualTo("in-place");
    assertThat(SecretFile.valueOrFile(" ", file, "p.key", IllegalStateException::new))
        .isEqualTo("from-file");
    assertThat(SecretFile.valueOrFile(null, null, "p.key", IllegalStateException::new)).isNull();
    assertThatThrownBy(
            () ->
                SecretFile.valueOrFile(
                    null, dir.resolve("missing"), "p.key", IllegalStateException::new))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("cannot read p.key-file (missing): ");
  }
}
