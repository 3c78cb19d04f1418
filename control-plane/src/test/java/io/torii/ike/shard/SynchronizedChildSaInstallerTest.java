package io.torii.ike.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.dataplane.ChildSaInstaller;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shared installer forwards every call: an interface method it left to its default would bypass the
 * real installer (a rekeyed pair would get a tunnel of its own and never be switched to, which strongSwan
 * interop showed as traffic staying on the old SA).
 */
class SynchronizedChildSaInstallerTest
{
    @Test
    void everyMethodOfTheInstallerInterfaceIsForwarded()
    {
        final List<String> missing = Arrays.stream(ChildSaInstaller.class.getMethods())
            .filter(method -> !declares(method))
            .map(Method::toString)
            .toList();

        assertThat(missing).isEmpty();
    }

    private static boolean declares(final Method method)
    {
        try
        {
            SynchronizedChildSaInstaller.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
            return true;
        }
        catch (final NoSuchMethodException ex)
        {
            return false;
        }
    }
}
