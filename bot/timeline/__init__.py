"""A person's rumours over time: the chart data of /timeline and its matplotlib drawing."""
