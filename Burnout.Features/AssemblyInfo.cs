namespace Burnout.Features;
