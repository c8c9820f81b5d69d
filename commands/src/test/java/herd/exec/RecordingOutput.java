package herd.exec;

import herd.session.Output;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An Output that keeps what a command printed, for adapter tests (not interactive, not JSON). */
public final class RecordingOutput implements Output {

    public final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    public final List<Object> results = Collections.synchronizedList(new ArrayList<>());

    @Override
    public boolean json() {
        return false;
    }

    @Override
    public boolean interactive() {
        return false;
    }

    @Override
    public void result(Object value) {
        results.add(value);
    }

    @Override
    public void line(String text) {
        lines.add(text);
    }

    @Override
    public void warn(String message) {
        lines.add("warning: " + message);
    }

    @Override
    public void progress(String status) {
        // Transient by contract: nothing to keep.
    }

    @Override
    public boolean confirm(String question, String answeringOption) {
        return false;
    }

    @Override
    public char[] askSecret(String prompt) {
        throw new IllegalStateException("no terminal in tests: " + prompt);
    }
}
