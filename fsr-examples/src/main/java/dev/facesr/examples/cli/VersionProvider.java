package dev.facesr.examples.cli;

import picocli.CommandLine;

/** Reports the FaceSR version from the jar manifest (or "development" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = FsrCommand.class.getPackage().getImplementationVersion();
        return new String[] {"FaceSR " + (version == null ? "development build" : version)};
    }
}
