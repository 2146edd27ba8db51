"""Files for analysts: Stata, SPSS, Parquet, streamed CSV/JSON Lines, and the codebook.

Above `supervise` (reads the dataset through it), below `commands`. pyreadstat, pyarrow,
pandas and numpy come from the optional `analysis` extra and are imported inside the
writers only (`deps.need`), so start-up and the interviewers' install stay small.
"""
