package io.torii.cli;

import io.torii.dataplane.config.SaFileReader;
import io.torii.dataplane.config.SettingsException;
import io.torii.dataplane.crypto.CryptoEngine;
import io.torii.dataplane.crypto.CryptoEngineSelector;
import io.torii.dataplane.crypto.CryptoEngines;
import io.torii.dataplane.offline.CaptureProcessor;
import io.torii.dataplane.offline.CaptureReport;
import io.torii.dataplane.sadb.SaConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code torii pcap encrypt|decrypt --sa FILE IN OUT}: applies static SAs to every packet of a
 * capture and prints what happened to them, per disposition and per SA.
 */
final class PcapCommand implements Subcommand
{
    private static final String USAGE =
        "usage: torii pcap encrypt|decrypt --sa FILE [--engine auto|ipsec-mb|jdk] IN.pcap OUT.pcap";

    @Override
    public String name()
    {
        return "pcap";
    }

    @Override
    public String summary()
    {
        return "encrypt or decrypt a capture with the SAs in a file: pcap encrypt|decrypt --sa FILE IN OUT";
    }

    @Override
    public int run(final List<String> arguments, final PrintStream out, final PrintStream err)
    {
        final List<String> args = new ArrayList<>(arguments);
        String engineName = System.getProperty(CryptoEngineSelector.ENGINE_PROPERTY);
        final int engineFlag = args.indexOf("--engine");
        if (engineFlag >= 0 && engineFlag + 1 < args.size())
        {
            engineName = args.remove(engineFlag + 1);
            args.remove(engineFlag);
        }
        if (args.size() != 5 || !args.get(1).equals("--sa"))
        {
            err.println(USAGE);
            return 2;
        }
        final CaptureProcessor.Mode mode;
        switch (args.get(0))
        {
            case "encrypt" -> mode = CaptureProcessor.Mode.ENCRYPT;
            case "decrypt" -> mode = CaptureProcessor.Mode.DECRYPT;
            default ->
            {
                err.println("torii pcap: unknown mode '" + args.get(0) + "'; " + USAGE);
                return 2;
            }
        }
        final Path saFile = Path.of(args.get(2));
        final Path input = Path.of(args.get(3));
        final Path output = Path.of(args.get(4));
        final List<SaConfig> sas;
        try
        {
            sas = SaFileReader.read(saFile);
        }
        catch (final SettingsException ex)
        {
            err.println("torii pcap: " + ex.getMessage());
            return 1;
        }
        if (sas.isEmpty())
        {
            err.println("torii pcap: " + saFile + " defines no SA; expected one section per SA");
            return 1;
        }
        final CryptoEngineSelector.Selection selection;
        try
        {
            selection = CryptoEngines.selector().select(engineName);
        }
        catch (final IllegalArgumentException ex)
        {
            sas.forEach(SaConfig::destroyKeys);
            err.println("torii pcap: " + ex.getMessage());
            return 1;
        }
        try (CryptoEngine engine = selection.provider().create();
            CaptureProcessor processor = new CaptureProcessor(mode, sas, engine))
        {
            final CaptureReport report = processor.process(input, output);
            out.println("torii pcap " + mode.name().toLowerCase(Locale.ROOT) + " with the " + engine.name() +
                " engine (" + selection.provider().describe() + ")");
            report.print(out);
            return 0;
        }
        catch (final NoSuchFileException ex)
        {
            err.println("torii pcap: no such file: " + ex.getFile());
            return 1;
        }
        catch (final IOException ex)
        {
            err.println("torii pcap: " + ex.getMessage());
            return 1;
        }
        catch (final IllegalArgumentException | IllegalStateException ex)
        {
            err.println("torii pcap: " + ex.getMessage());
            return 1;
        }
    }
}
