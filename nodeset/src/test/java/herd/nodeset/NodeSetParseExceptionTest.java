package herd.nodeset;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeSetParseExceptionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            n[3-1]       | bad range "3-1": reversed (3 > 1)                      | 3-1
            n[1-2        | bad nodeset "n[1-2": missing ']'                       | n[1-2
            n1-2]        | bad nodeset "n1-2]": unexpected ']'                    | n1-2]
            n[a]         | bad range "a": not a number: "a"                       | a
            n[01-1]      | bad range "01-1": padding mismatch (01 vs 1)           | 01-1
            n[1-5/0]     | bad range "1-5/0": step must be at least 1             | 1-5/0
            n[5/2]       | bad range "5/2": step without a range                  | 5/2
            n[1,,2]      | bad range "1,,2": empty range                          | 1,,2
            n[-01--03]   | bad range "-01--03": padding not supported in negative ranges | -01--03
            n[-01-3]     | bad range "-01-3": padding mismatch (01 vs 3)          | -01-3
            n[1-2]0[3]   | bad nodeset "[3]": '[' right after ']'                 | [3]
            n[1-2/2]0    | bad nodeset "0": digits after a stepped range          | 0
            `a,,b`       | bad nodeset "a,,b": missing operand around ','         | `a,,b`
            n[1-3]!      | bad nodeset "n[1-3]!": missing operand around '!'      | n[1-3]!
            n[-1234567890123456789] | bad range "-1234567890123456789": negative index of more than 18 digits not supported | -1234567890123456789
            n[100000000000000000000-10] | bad range "100000000000000000000-10": reversed (100000000000000000000 > 10) | 100000000000000000000-10
            n[0-1000000000] | bad range "0-1000000000": range too large           | 0-1000000000
            """)
    void badInputIsAOneLineErrorKeepingTheBadPart(String expr, String message, String part) {
        assertThatThrownBy(() -> NodeSet.parse(expr))
                .isInstanceOf(NodeSetParseException.class)
                .hasMessage(message)
                .extracting(e -> ((NodeSetException) e).part()).isEqualTo(part);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            @compute     | group "@compute": no group source configured           | @compute
            """)
    void groupsNeedAResolver(String expr, String message, String part) {
        assertThatThrownBy(() -> NodeSet.parse(expr))
                .isInstanceOf(NodeSetException.class)
                .hasMessage(message)
                .extracting(e -> ((NodeSetException) e).part()).isEqualTo(part);
    }
}
