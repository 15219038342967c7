"""Chinese text helpers shared by every stage: normalisation, sentences, numerals, tokenising."""
