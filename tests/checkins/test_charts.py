from recovery.charts import line_chart


def test_values_map_from_the_bottom_to_the_top_of_the_plot():
    chart = line_chart(["a", "b"], [("self", "You", [0, 10])])

    low, high = chart.lines[0].points
    assert low.y == chart.baseline
    assert high.y == chart.top
    assert (low.x, high.x) == (chart.left, chart.right)


def test_a_missing_week_breaks_the_line_instead_of_joining_across_it():
    chart = line_chart(["a", "b", "c", "d"], [("self", "You", [3, None, 5, 6])])

    path = chart.lines[0].path
    assert path.count("M") == 2
    assert path.count("L") == 1
    assert len(chart.lines[0].points) == 3


def test_a_single_week_is_a_point_in_the_middle():
    chart = line_chart(["a"], [("self", "You", [5]), ("partner", "Alex", [None])])

    assert chart.lines[0].points[0].x == (chart.left + chart.right) / 2
    assert chart.lines[1].points == []
    assert not chart.is_empty


def test_week_labels_are_thinned_on_long_histories():
    chart = line_chart([str(day) for day in range(150)], [("self", "You", [5] * 150)])

    assert len(chart.x_ticks) <= 6
