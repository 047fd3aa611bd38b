package io.paygate.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMembers;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The core speaks no channel's words: no class, package, field or method is named for Alipay, and
 * no string in its compiled classes (literals and constants alike) holds "alipay" or one of
 * Alipay's error codes ({@code ACQ.}, {@code isv.}, {@code isp.}). Comments may still say whom a
 * rule comes from; the compiled class is what a second channel would run.
 */
class ChannelNeutralityTest {

  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.paygate.core");

  private static final String ALIPAY_NAME = "(?i).*alipay.*";
  private static final Pattern ALIPAY_WORD =
      Pattern.compile("(?i)alipay|\\bACQ\\.|\\bisv\\.|\\bisp\\.");

  @Test
  void noClassOrPackageIsNamedForAlipay() {
    // The name is the fully qualified one: the package is checked with the class.
    noClasses().should().haveNameMatching(ALIPAY_NAME).check(CORE);
  }

  @Test
  void noFieldOrMethodIsNamedForAlipay() {
    noMembers().should().haveNameMatching(ALIPAY_NAME).check(CORE);
  }

  @Test
  void noStringInTheCoreHoldsAnAlipayWord() {
    classes().should(holdNoStringMatching(ALIPAY_WORD)).check(CORE);
  }

  // The reader itself, on this class: were it blind, the rule above would pass on anything.
  @Test
  void theReaderSeesEveryStringAClassHolds() {
    JavaClass self = new ClassFileImporter().importClass(ChannelNeutralityTest.class);
    assertThat(stringConstants(self))
        .contains(ALIPAY_NAME, "enabled once the channel port is neutral (issue 18)");
  }

  private static ArchCondition<JavaClass> holdNoStringMatching(Pattern word) {
    return new ArchCondition<>("hold no string matching " + word) {
      @Override
      public void check(JavaClass javaClass, ConditionEvents events) {
        for (String text : stringConstants(javaClass)) {
          if (word.matcher(text).find()) {
            events.add(
                SimpleConditionEvent.violated(
                    javaClass, javaClass.getName() + " holds \"" + text + "\""));
          }
        }
      }
    };
  }

  /**
   * The {@code CONSTANT_String} entries of a class file's constant pool: every string literal the
   * class uses and every {@code static final String} it declares (JVMS 4.4).
   */
  static List<String> stringConstants(JavaClass javaClass) {
    String resource = javaClass.getSource().orElseThrow().getUri().toString();
    try (InputStream bytes = javaClass.getSource().orElseThrow().getUri().toURL().openStream();
        DataInputStream in = new DataInputStream(bytes)) {
      in.readInt(); // magic
      in.readUnsignedShort(); // minor version
      in.readUnsignedShort(); // major version
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      List<Integer> strings = new ArrayList<>();
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> utf8[i] = in.readUTF();
          case 8 -> strings.add(in.readUnsignedShort());
          case 7, 16, 19, 20 -> in.readUnsignedShort();
          case 15 -> in.skipBytes(3);
          case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
          case 5, 6 -> {
            in.readLong();
            i++; // a long or a double takes two entries
          }
          default ->
              throw new IllegalStateException("constant pool tag " + tag + " in " + resource);
        }
      }
      return strings.stream().map(index -> utf8[index]).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
