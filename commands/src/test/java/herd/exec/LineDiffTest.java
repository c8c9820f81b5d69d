package herd.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** herd's --diff against Python's difflib, which clush --diff prints. */
class LineDiffTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a,b,c|a,x,c",
        "a,b,c,d,e,f,g,h,i,j,k|a,b,c,d,e,F,g,h,i,j,k,l",
        "one|one,two,three",
        "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20|1,2,x,4,5,6,7,8,9,10,11,12,13,14,15,16,17,y,19,20",
        "same,lines|lines"})
    void matchesDifflib(String left, String right) throws Exception {
        List<String> a = List.of(left.split(","));
        List<String> b = List.of(right.split(","));
        assertThat(LineDiff.unified(a, b, "ref (3)", "other")).isEqualTo(difflib(a, b));
    }

    private static List<String> difflib(List<String> a, List<String> b) throws Exception {
        String script = "import difflib,sys\n"
                + "a=sys.argv[1].split(','); b=sys.argv[2].split(',')\n"
                + "for l in difflib.unified_diff(a,b,fromfile='ref (3)',tofile='other',lineterm=''): print(l.rstrip())\n";
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", script, String.join(",", a), String.join(",", b)).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("python3 is not installed: " + e.getMessage());
            return List.of();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        return out.lines().toList();
    }
}
