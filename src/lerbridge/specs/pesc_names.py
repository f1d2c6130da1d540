"""The PESC College Transcript namespaces, without the schema machinery (lxml, xmlschema),
so that format detection stays cheap."""

TRANSCRIPT_NS = "urn:org:pesc:message:CollegeTranscript:v1.6.0"
ACREC_NS = "urn:org:pesc:sector:AcademicRecord:v1.9.0"
CORE_NS = "urn:org:pesc:core:CoreMain:v1.14.0"
