"""Report: FileReports in, text, JSON, SARIF, HTML or GitHub output, a summary, a baseline and rule docs out."""
