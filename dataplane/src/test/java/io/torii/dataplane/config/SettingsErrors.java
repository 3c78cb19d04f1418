package io.torii.dataplane.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Checks that a call fails with a {@link SettingsException} at a given file and line.
 */
final class SettingsErrors
{
    private SettingsErrors()
    {
    }

    /**
     * @param call what should fail.
     * @param file the file the error must name.
     * @param line the line the error must name.
     * @param fragment text the message must contain.
     * @return the exception, for further checks.
     */
    static SettingsException assertError(
        final ThrowingCallable call, final String file, final int line, final String fragment)
    {
        final Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(SettingsException.class);
        final SettingsException error = (SettingsException)thrown;
        assertThat(error.location()).isEqualTo(new SettingsLocation(file, line));
        // The colon after the line keeps line 6 from passing for 60; line 0 is the whole file.
        assertThat(error.getMessage()).startsWith(line > 0 ? file + ":" + line + ":" : file + ": ").contains(fragment);
        return error;
    }
}
